import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultPipeline, loadModelConfig } from "./model-config.js";

const RASA = path.resolve(process.cwd(), "../shared/fixtures/rasa");

function temp(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "confab-cfg-")), "config.yml");
  writeFileSync(file, text);
  return file;
}

describe("loadModelConfig", () => {
  it("reads formbot's config as written", () => {
    const { config, warnings } = loadModelConfig(path.join(RASA, "formbot/config.yml"));
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      recipe: "default.v1",
      language: "en",
      assistant_id: "form_bot",
      defaultPipeline: false,
    });
    expect(config.pipeline.map((c) => c.name)).toEqual([
      "WhitespaceTokenizer",
      "LexicalSyntacticFeaturizer",
      "CountVectorsFeaturizer",
      "DucklingEntityExtractor",
      "DIETClassifier",
      "EntitySynonymMapper",
    ]);
    expect(config.pipeline[3]).toEqual({
      name: "DucklingEntityExtractor",
      url: "http://localhost:8000",
      dimensions: ["number"],
    });
    expect(config.policies.map((p) => p.name)).toEqual(["TEDPolicy", "AugmentedMemoizationPolicy", "RulePolicy"]);
  });

  it("substitutes Rasa's defaults for an empty pipeline and policies (rasa init scaffold)", () => {
    const { config, warnings } = loadModelConfig(temp("recipe: default.v1\nlanguage: de\npipeline:\npolicies:\n"));
    expect(config.language).toBe("de");
    expect(config.defaultPipeline).toBe(true);
    expect(config.defaultPolicies).toBe(true);
    expect(config.pipeline).toEqual(defaultPipeline());
    expect(config.pipeline.at(-1)).toEqual({ name: "FallbackClassifier", threshold: 0.3, ambiguity_threshold: 0.1 });
    expect(config.policies.map((p) => p.name)).toEqual([
      "MemoizationPolicy",
      "RulePolicy",
      "UnexpecTEDIntentPolicy",
      "TEDPolicy",
    ]);
    expect(warnings[0]).toMatch(/config\.yml:1:1: config has no 'assistant_id'/);
    expect(loadModelConfig(temp("assistant_id: x\n")).config.language).toBe("en");
  });

  it("requires a string name for every component", () => {
    const file = temp("assistant_id: a\npipeline:\n  - name: WhitespaceTokenizer\n  - epochs: 3\n");
    expect(() => loadModelConfig(file)).toThrow(`${file}:4:5: pipeline entry has no 'name' (key: pipeline.1)`);
    const numeric = temp("assistant_id: a\npolicies:\n  - name: 3\n");
    expect(() => loadModelConfig(numeric)).toThrow(/3:11: expected policies component name to be a non-empty string/);
  });

  it("warns about unknown top-level keys with a position", () => {
    const file = temp("assistant_id: a\nlanguage: en\npipelines: []\n");
    expect(loadModelConfig(file).warnings).toEqual([`${file}:3:1: unknown key 'pipelines' in config (key: pipelines)`]);
  });
});
