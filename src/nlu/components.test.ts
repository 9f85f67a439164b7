import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ComponentConfig } from "../model/index.js";
import { DEFAULT_PIPELINE, planPipeline } from "./components.js";
import { FIXTURES } from "./test-data.js";

function plan(pipeline: readonly ComponentConfig[]) {
  const warnings: string[] = [];
  return { plan: planPipeline(pipeline, (w) => warnings.push(w)), warnings };
}

describe("planPipeline", () => {
  it("uses Rasa's default pipeline when the pipeline is empty", () => {
    const { plan: p } = plan([]);
    expect(p).toEqual(plan(DEFAULT_PIPELINE).plan);
    expect(p.featurizer).toEqual({ word: { min: 1, max: 2 }, charWb: { min: 1, max: 4 }, regex: true });
    expect(p.intentClassifier).toBe("logistic");
    expect(p.entityTagger).toBe("DIETClassifier");
    expect(p.responseSelector).toEqual({ retrievalIntent: null });
    expect(p.synonyms).toBe(true);
    expect(p.fallback).toEqual({ threshold: 0.3, ambiguityThreshold: 0.1 });
  });

  it("maps components with a real equivalent silently", () => {
    const { plan: p, warnings } = plan([
      { name: "WhitespaceTokenizer" },
      { name: "RegexFeaturizer", case_sensitive: false },
      { name: "LexicalSyntacticFeaturizer" },
      { name: "CountVectorsFeaturizer", analyzer: "char_wb", min_ngram: 2, max_ngram: 5 },
      { name: "LogisticRegressionClassifier", ranking_length: 5 },
      { name: "RegexEntityExtractor", use_lookup_tables: false },
      { name: "EntitySynonymMapper" },
      { name: "FallbackClassifier", threshold: 0.6 },
    ]);
    expect(warnings).toEqual([]);
    expect(p.featurizer.charWb).toEqual({ min: 2, max: 5 });
    expect(p.regexFeatures?.caseSensitive).toBe(false);
    expect(p.rankingLength).toBe(5);
    expect(p.regexEntities).toEqual({
      caseSensitive: false,
      useRegexes: true,
      useLookups: false,
      wordBoundaries: true,
    });
    expect(p.fallback).toEqual({ threshold: 0.6, ambiguityThreshold: 0.1 });
    expect(p.entityTagger).toBeNull();
  });

  it("warns exactly once per substituted component name, naming it", () => {
    const { plan: p, warnings } = plan([
      { name: "SpacyNLP", model: "en_core_web_md" },
      { name: "SpacyTokenizer" },
      { name: "SpacyFeaturizer" },
      { name: "DIETClassifier", epochs: 300 },
      { name: "DIETClassifier", epochs: 5 },
      { name: "ResponseSelector" },
      { name: "DucklingEntityExtractor", url: "http://localhost:8000", dimensions: ["time", "email"] },
      { name: "my_module.MyComponent" },
      { name: "SomethingMadeUp" },
    ]);
    expect(warnings).toHaveLength(7);
    for (const name of ["SpacyNLP", "SpacyTokenizer", "SpacyFeaturizer", "DIETClassifier"]) {
      expect(warnings.filter((w) => w.includes(name))).toHaveLength(1);
    }
    expect(warnings.find((w) => w.includes("DucklingEntityExtractor"))).toMatch(/email are not supported/);
    expect(p.duckling).toEqual({ dimensions: ["time", "email"], timezone: null });
    expect(warnings.find((w) => w.includes("my_module.MyComponent"))).toMatch(/Custom component/);
    // A dense-only pipeline still gets sparse features so the classifier can learn.
    expect(p.featurizer.word).not.toBeNull();
    expect(p.intentClassifier).toBe("logistic");
  });

  it("maps the other well-known Rasa components without throwing", () => {
    const names = [
      "JiebaTokenizer",
      "MitieNLP",
      "MitieFeaturizer",
      "LanguageModelFeaturizer",
      "ConveRTFeaturizer",
      "SklearnIntentClassifier",
      "CRFEntityExtractor",
      "KeywordIntentClassifier",
    ];
    const { plan: p, warnings } = plan(names.map((name) => ({ name })));
    // CRFEntityExtractor and KeywordIntentClassifier have real equivalents.
    expect(warnings).toHaveLength(names.length - 2);
    expect(p.intentClassifier).toBe("keyword");
    expect(p.entityTagger).toBe("CRFEntityExtractor");
  });

  it("accepts the pipelines of the example bots", () => {
    for (const bot of ["moodbot", "formbot", "responseselectorbot", "initial_project"]) {
      const config = parse(readFileSync(path.join(FIXTURES, bot, "config.yml"), "utf8")) as {
        pipeline?: ComponentConfig[] | null;
      };
      expect(() => planPipeline(config.pipeline ?? [], () => {})).not.toThrow();
    }
  });
});

describe("balanced batches", () => {
  const balancedBatchSize = (pipeline: ComponentConfig[]) => planPipeline(pipeline, () => {}).balancedBatchSize;

  it("follows DIETClassifier's batch_strategy and batch sizes (their logarithmic mean) as Rasa does", () => {
    expect(balancedBatchSize([])).toBe(138);
    expect(balancedBatchSize([{ name: "DIETClassifier" }])).toBe(138);
    expect(balancedBatchSize([{ name: "DIETClassifier", batch_size: [32, 128] }])).toBe(69);
    expect(balancedBatchSize([{ name: "DIETClassifier", batch_size: 16 }])).toBe(16);
    expect(balancedBatchSize([{ name: "DIETClassifier", batch_strategy: "sequence" }])).toBe(0);
  });

  it("is off for classifiers without batches and for a DIET that only extracts entities", () => {
    expect(balancedBatchSize([{ name: "LogisticRegressionClassifier" }])).toBe(0);
    expect(balancedBatchSize([{ name: "DIETClassifier" }, { name: "KeywordIntentClassifier" }])).toBe(0);
    expect(
      balancedBatchSize([
        { name: "LogisticRegressionClassifier" },
        { name: "DIETClassifier", intent_classification: false },
      ]),
    ).toBe(0);
  });
});
