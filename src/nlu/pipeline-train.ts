/**
 * @module nlu/pipeline-train
 * Training the NLU pipeline planned from `config.yml`: intent classifier, learned entity tagger, regex / lookup
 * patterns, synonyms, response selector. Deterministic: the same data, pipeline and seed give identical JSON.
 */
import type { NluData } from "../model/index.js";
import type { NluModel, NluTrainOptions } from "./types.js";
import { planPipeline } from "./components.js";
import { checkedExamples } from "./data-checks.js";
import { featurize } from "./features.js";
import { defaultEpochs, trainIntentClassifier } from "./intent-classifier.js";
import { memoriseValues } from "./entity-extractors.js";
import { learnKeywords } from "./keyword-classifier.js";
import { splitLabels } from "./label-parts.js";
import { NLU_FORMAT, NLU_FORMAT_VERSION, type NluModelJson } from "./model-json.js";
import { buildPatternSpecs, findMatches } from "./patterns.js";
import { compileAll, PipelineModel } from "./pipeline.js";
import { trainResponseSelector } from "./response-selector.js";
import { collectSynonyms } from "./synonyms.js";
import { trainEntityTagger } from "./tagger/entity-tagger.js";
import { tokenize } from "./tokenizer.js";

const DEFAULT_SEED = 42;

/**
 * Trains an NLU model on `data` with the components of `options.pipeline` (Rasa's default pipeline when empty).
 * Progress is reported as one step per classifier epoch and per tagger epoch.
 *
 * @example const nlu = trainNlu(data, { pipeline: config.pipeline, language: "en" }); nlu.parse("hello")
 */
export function trainNlu(data: NluData, options: NluTrainOptions): NluModel {
  const warn = options.warn ?? (() => {});
  const seed = options.seed ?? DEFAULT_SEED;
  const plan = planPipeline(options.pipeline, warn);
  const examples = checkedExamples(data, warn);
  const intents = [...new Set(examples.map((ex) => ex.intent))].sort();
  const annotated = new Set(examples.flatMap((ex) => ex.entities.map((e) => e.entity)));

  const featurePatterns = plan.regexFeatures
    ? buildPatternSpecs(data.regexes, data.lookups, plan.regexFeatures, warn)
    : [];
  // Rasa's RegexEntityExtractor only uses patterns named like an entity annotated in the training examples.
  const entityPatterns = plan.regexEntities
    ? buildPatternSpecs(
        data.regexes.filter((r) => annotated.has(r.name)),
        data.lookups.filter((l) => annotated.has(l.name)),
        plan.regexEntities,
        warn,
      )
    : [];
  const compiled = compileAll(featurePatterns);
  const samples = examples.map((example) => {
    const hits = plan.featurizer.regex ? [...new Set(findMatches(compiled, example.text).map((m) => m.name))] : [];
    return { example, x: featurize(tokenize(example.text), hits, plan.featurizer) };
  });

  // Progress: classifier epochs, then tagger epochs (their count is only known once each starts).
  let classifierEpochs = 0;
  let taggerEpochs = 0;
  const progress = (c: number, t: number) => options.onProgress?.(c + t, Math.max(1, classifierEpochs + taggerEpochs));

  let classifier: NluModelJson["classifier"] = null;
  if (plan.intentClassifier === "logistic" && samples.length > 0) {
    // Retrieval intents (`chitchat/ask_name`) are classified by their base intent, as in Rasa.
    const base = (intent: string) => intent.split("/")[0] ?? intent;
    const labels = [...new Set(examples.map((ex) => base(ex.intent)))].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const rows = samples.map((s) => ({ x: s.x, label: labelIndex.get(base(s.example.intent)) ?? 0 }));
    classifierEpochs = defaultEpochs(rows, labels.length);
    progress(0, 0);
    classifier = trainIntentClassifier(rows, labels, {
      seed,
      parts: splitLabels(labels, plan.intentSplit),
      balancedBatchSize: plan.balancedBatchSize,
      epochs: classifierEpochs,
      onEpoch: (done) => progress(done, 0),
    }).toJSON();
  }

  const tagger = plan.entityTagger
    ? trainEntityTagger(examples, {
        extractor: plan.entityTagger,
        patterns: compiled,
        seed,
        warn,
        onEpoch: (done, total) => {
          taggerEpochs = total;
          progress(classifierEpochs, done);
        },
      })
    : null;

  const selector = plan.responseSelector
    ? trainResponseSelector(samples, plan.responseSelector, options.responses ?? {}, seed).toJSON()
    : null;

  const json: NluModelJson = {
    format: NLU_FORMAT,
    version: NLU_FORMAT_VERSION,
    language: options.language,
    intents,
    plan,
    featurePatterns,
    entityPatterns,
    classifier,
    tagger: tagger ? tagger.toJSON() : null,
    selector,
    keywords: plan.intentClassifier === "keyword" ? learnKeywords(examples, warn) : [],
    memorised: plan.memorisedEntities ? memoriseValues(examples) : [],
    synonyms: plan.synonyms ? collectSynonyms(data.synonyms, examples) : {},
  };
  return new PipelineModel(json);
}
