/**
 * @module nlu/components
 * Maps a Rasa `config.yml` pipeline onto Confab's NLU components. Names with a real Confab equivalent map
 * silently; the others map to the closest Confab component (or to nothing) and are reported once per name
 * through `warn`. No real Rasa config makes this throw.
 */
import { RASA_DEFAULT_PIPELINE } from "../model/index.js";
import type { ComponentConfig } from "../model/index.js";
import type { DucklingConfig } from "./duckling.js";
import type { FallbackConfig } from "./fallback.js";
import type { ResponseSelectorConfig } from "./response-selector.js";
import { DUCKLING_DIMENSIONS } from "./duckling.js";
import type { FeaturizerConfig, NgramRange } from "./features.js";

export interface PatternOptions {
  caseSensitive: boolean;
  useRegexes: boolean;
  useLookups: boolean;
  wordBoundaries: boolean;
}

export interface NluPlan {
  featurizer: FeaturizerConfig;
  regexFeatures: PatternOptions | null;
  intentClassifier: "logistic" | "keyword" | null;
  /** The batch size whose balanced batches the classifier stands in for (see `balancedBatchSize`), or 0. */
  balancedBatchSize: number;
  keywordCaseSensitive: boolean;
  rankingLength: number;
  regexEntities: PatternOptions | null;
  /** Only models saved by the first Confab release use this; new models use `entityTagger`. */
  memorisedEntities: boolean;
  /** The Rasa component the learned entity tagger stands in for (its `extractor` name), or null. */
  entityTagger: string | null;
  duckling: DucklingConfig | null;
  responseSelector: ResponseSelectorConfig | null;
  /** `intent_split_symbol` when the tokenizer's `intent_tokenization_flag` is set (multi-intent labels). */
  intentSplit: string | null;
  synonyms: boolean;
  fallback: FallbackConfig | null;
}

/** Rasa's default pipeline (`default_config.yml`), used when `pipeline:` is empty. */
export const DEFAULT_PIPELINE: readonly ComponentConfig[] = RASA_DEFAULT_PIPELINE;

function num(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === "boolean" ? value : fallback;
}

function range(min: unknown, max: unknown, defMin: number, defMax: number): NgramRange {
  const lo = Math.max(1, Math.round(num(min, defMin)));
  return { min: lo, max: Math.max(lo, Math.round(num(max, defMax))) };
}

function patternOptions(c: ComponentConfig, caseSensitiveDefault: boolean): PatternOptions {
  return {
    caseSensitive: bool(c.case_sensitive, caseSensitiveDefault),
    useRegexes: bool(c.use_regexes, true),
    useLookups: bool(c.use_lookup_tables, true),
    wordBoundaries: bool(c.use_word_boundaries, true),
  };
}

type Handler = (plan: NluPlan, c: ComponentConfig) => string | null;

const accept: Handler = () => null;
const ignoredModel =
  (what: string): Handler =>
  () =>
    `${what} is not available in Confab; the pipeline uses Confab's hashed word and character n-gram features instead.`;

function useClassifier(plan: NluPlan, c: ComponentConfig): void {
  plan.intentClassifier = "logistic";
  plan.rankingLength = Math.max(0, Math.round(num(c.ranking_length, 10)));
  plan.balancedBatchSize = 0;
}

/**
 * DIETClassifier balances its batches unless `batch_strategy: sequence` (the other classifiers have no batches);
 * its batches grow linearly from the first to the last of `batch_size` (default [64, 256]) over training, and the
 * balancing extra a batch gives rare intents shrinks as 1 / size, so the average over the run is that of the
 * logarithmic mean size (138 for [64, 256]).
 */
function balancedBatchSize(c: ComponentConfig): number {
  if (c.batch_strategy === "sequence") return 0;
  const sizes: unknown[] = Array.isArray(c.batch_size) ? c.batch_size : [c.batch_size ?? 64, c.batch_size ?? 256];
  const first = Math.max(1, num(sizes[0], 64));
  const last = Math.max(1, num(sizes.at(-1), first));
  return Math.round(last === first ? first : (last - first) / Math.log(last / first));
}

function tokenizer(plan: NluPlan, c: ComponentConfig): void {
  if (c.intent_tokenization_flag === true) {
    plan.intentSplit = typeof c.intent_split_symbol === "string" && c.intent_split_symbol ? c.intent_split_symbol : "_";
  }
}

const tagger =
  (extractor: string, note: string | null): Handler =>
  (plan) => {
    plan.entityTagger = extractor;
    return note;
  };

const HANDLERS: Record<string, Handler> = {
  WhitespaceTokenizer: (plan, c) => {
    tokenizer(plan, c);
    return null;
  },
  JiebaTokenizer: () => "JiebaTokenizer is replaced by Confab's Unicode word tokenizer (no Chinese word segmentation).",
  SpacyTokenizer: () => "SpacyTokenizer is replaced by Confab's whitespace/punctuation tokenizer.",
  MitieTokenizer: () => "MitieTokenizer is replaced by Confab's whitespace/punctuation tokenizer.",
  ConveRTTokenizer: () => "ConveRTTokenizer is replaced by Confab's whitespace/punctuation tokenizer.",
  LanguageModelTokenizer: () => "LanguageModelTokenizer is replaced by Confab's whitespace/punctuation tokenizer.",
  SpacyNLP: ignoredModel("SpacyNLP (spaCy language model)"),
  MitieNLP: ignoredModel("MitieNLP (MITIE language model)"),
  HFTransformersNLP: ignoredModel("HFTransformersNLP (pretrained transformer)"),
  SpacyFeaturizer: ignoredModel("SpacyFeaturizer (dense spaCy vectors)"),
  MitieFeaturizer: ignoredModel("MitieFeaturizer (dense MITIE vectors)"),
  LanguageModelFeaturizer: ignoredModel("LanguageModelFeaturizer (pretrained transformer embeddings)"),
  ConveRTFeaturizer: ignoredModel("ConveRTFeaturizer (ConveRT embeddings)"),
  CountVectorsFeaturizer: (plan, c) => {
    const analyzer = typeof c.analyzer === "string" ? c.analyzer : "word";
    if (analyzer === "word") {
      // Word bigrams are always on: they are cheap and capture negation ("not good") that unigrams miss.
      const r = range(c.min_ngram, c.max_ngram, 1, 1);
      plan.featurizer.word = { min: r.min, max: Math.max(2, r.max) };
      return null;
    }
    plan.featurizer.charWb = range(c.min_ngram, c.max_ngram, 1, 4);
    return analyzer === "char_wb" ? null : `CountVectorsFeaturizer analyzer '${analyzer}' is treated as 'char_wb'.`;
  },
  RegexFeaturizer: (plan, c) => {
    plan.featurizer.regex = true;
    plan.regexFeatures = patternOptions(c, true);
    return null;
  },
  // Its token-window features are always part of Confab's entity tagger: nothing to add.
  LexicalSyntacticFeaturizer: accept,
  DIETClassifier: (plan, c) => {
    if (c.intent_classification !== false) {
      useClassifier(plan, c);
      plan.balancedBatchSize = balancedBatchSize(c);
    }
    if (c.entity_recognition !== false) plan.entityTagger = "DIETClassifier";
    return (
      "DIETClassifier is approximated by a linear (softmax) intent classifier and a structured-perceptron " +
      "entity tagger (BILOU, Viterbi); transformer options such as epochs are not used."
    );
  },
  LogisticRegressionClassifier: (plan, c) => {
    useClassifier(plan, c);
    return null;
  },
  SklearnIntentClassifier: (plan, c) => {
    useClassifier(plan, c);
    return "SklearnIntentClassifier (SVM) is replaced by Confab's logistic-regression intent classifier.";
  },
  MitieIntentClassifier: (plan, c) => {
    useClassifier(plan, c);
    return "MitieIntentClassifier is replaced by Confab's logistic-regression intent classifier.";
  },
  KeywordIntentClassifier: (plan, c) => {
    plan.intentClassifier = "keyword";
    plan.balancedBatchSize = 0;
    plan.keywordCaseSensitive = bool(c.case_sensitive, true);
    return null;
  },
  RegexEntityExtractor: (plan, c) => {
    plan.regexEntities = patternOptions(c, false);
    return null;
  },
  // An averaged structured perceptron over the same feature windows decodes like a linear-chain CRF.
  CRFEntityExtractor: tagger("CRFEntityExtractor", null),
  MitieEntityExtractor: tagger(
    "MitieEntityExtractor",
    "MitieEntityExtractor is replaced by Confab's structured-perceptron entity tagger (no MITIE model).",
  ),
  SpacyEntityExtractor: () => "SpacyEntityExtractor (pretrained spaCy entities) is not available in Confab; ignored.",
  DucklingEntityExtractor: (plan, c) => {
    const dimensions = Array.isArray(c.dimensions) ? c.dimensions.map(String) : [];
    const timezone = typeof c.timezone === "string" ? c.timezone : null;
    plan.duckling = { dimensions, timezone };
    const unsupported = dimensions.filter((d) => !(DUCKLING_DIMENSIONS as readonly string[]).includes(d));
    return unsupported.length > 0
      ? `DucklingEntityExtractor runs in-process (chrono-node and a number parser, no Duckling server); ` +
          `dimensions ${unsupported.join(", ")} are not supported and are not extracted.`
      : null;
  },
  EntitySynonymMapper: (plan) => {
    plan.synonyms = true;
    return null;
  },
  FallbackClassifier: (plan, c) => {
    plan.fallback = { threshold: num(c.threshold, 0.3), ambiguityThreshold: num(c.ambiguity_threshold, 0.1) };
    return null;
  },
  ResponseSelector: (plan, c) => {
    plan.responseSelector = {
      retrievalIntent: typeof c.retrieval_intent === "string" && c.retrieval_intent ? c.retrieval_intent : null,
    };
    return null;
  },
};

function emptyPlan(): NluPlan {
  return {
    featurizer: { word: null, charWb: null, regex: false },
    regexFeatures: null,
    intentClassifier: null,
    balancedBatchSize: 0,
    keywordCaseSensitive: true,
    rankingLength: 10,
    regexEntities: null,
    memorisedEntities: false,
    entityTagger: null,
    duckling: null,
    responseSelector: null,
    intentSplit: null,
    synonyms: false,
    fallback: null,
  };
}

/** Builds the plan for `pipeline` (Rasa's default pipeline when empty). */
export function planPipeline(pipeline: readonly ComponentConfig[], warn: (message: string) => void): NluPlan {
  const components = pipeline.length > 0 ? pipeline : DEFAULT_PIPELINE;
  const plan = emptyPlan();
  const warned = new Set<string>();
  const warnOnce = (name: string, message: string): void => {
    if (warned.has(name)) return;
    warned.add(name);
    warn(message);
  };
  for (const c of components) {
    const name = typeof c.name === "string" ? c.name : String(c.name);
    const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
    if (!handler) {
      warnOnce(
        name,
        name.includes(".")
          ? `Custom component '${name}' cannot run in Confab (no Python); it is skipped.`
          : `Unknown NLU component '${name}'; it is skipped.`,
      );
      continue;
    }
    const message = handler(plan, c);
    if (message) warnOnce(name, message);
  }
  if (plan.intentClassifier === "logistic" && !plan.featurizer.word && !plan.featurizer.charWb) {
    // Dense-only pipelines (spaCy, transformers) still need features: use Rasa's default sparse ones.
    plan.featurizer.word = { min: 1, max: 2 };
    plan.featurizer.charWb = { min: 1, max: 4 };
  }
  return plan;
}
