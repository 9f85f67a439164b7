/**
 * @module nlu/pipeline
 * Training and running the NLU pipeline: tokenize → featurize → classify intent → extract entities → map synonyms →
 * fallback, producing Rasa's ParseResult (`rasa-protocol.md` §1.5).
 */
import type { ExtractedEntity, IntentPrediction, NluData, ParseResult } from "../model/index.js";
import type { NluModel, NluTrainOptions, ParseOptions } from "./types.js";
import { planPipeline } from "./components.js";
import { featurize } from "./features.js";
import { applyFallback } from "./fallback.js";
import { defaultEpochs, IntentClassifier, trainIntentClassifier } from "./intent-classifier.js";
import { extractRegexEntities, MemorisedEntityExtractor, memoriseValues } from "./entity-extractors.js";
import { KeywordClassifier, learnKeywords } from "./keyword-classifier.js";
import { NLU_FORMAT, NLU_FORMAT_VERSION, nluModelJsonSchema, type NluModelJson } from "./model-json.js";
import { buildPatternSpecs, compilePattern, findMatches, type CompiledPattern, type PatternSpec } from "./patterns.js";
import { applySynonyms, collectSynonyms } from "./synonyms.js";
import { tokenize } from "./tokenizer.js";

const DEFAULT_SEED = 42;

function compileAll(specs: readonly PatternSpec[]): CompiledPattern[] {
  return specs.flatMap((s) => {
    const compiled = compilePattern(s);
    return compiled ? [compiled] : [];
  });
}

function overlaps(a: ExtractedEntity, b: ExtractedEntity): boolean {
  return (a.start ?? 0) < (b.end ?? 0) && (b.start ?? 0) < (a.end ?? 0);
}

class PipelineModel implements NluModel {
  readonly intents: readonly string[];
  private readonly featurePatterns: CompiledPattern[];
  private readonly entityPatterns: CompiledPattern[];
  private readonly classifier: IntentClassifier | null;
  private readonly keywords: KeywordClassifier | null;
  private readonly memorised: MemorisedEntityExtractor | null;

  constructor(private readonly json: NluModelJson) {
    this.intents = json.intents;
    this.featurePatterns = compileAll(json.featurePatterns);
    this.entityPatterns = compileAll(json.entityPatterns);
    this.classifier =
      json.plan.intentClassifier === "logistic" && json.classifier ? IntentClassifier.fromJSON(json.classifier) : null;
    this.keywords =
      json.plan.intentClassifier === "keyword"
        ? new KeywordClassifier(json.keywords, json.plan.keywordCaseSensitive)
        : null;
    this.memorised = json.plan.memorisedEntities ? new MemorisedEntityExtractor(json.memorised) : null;
  }

  parse(text: string, options: ParseOptions = {}): ParseResult {
    const input = typeof text === "string" ? text : String(text ?? "");
    const tokens = tokenize(input);
    const ranking = this.rank(input, tokens);

    let entities = extractRegexEntities(this.entityPatterns, input);
    if (this.memorised) {
      const regexFound = entities;
      const memo = this.memorised
        .extract(input, tokens)
        .filter((m) => !regexFound.some((r) => r.entity === m.entity && overlaps(r, m)));
      entities = [...entities, ...memo].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
    }
    if (this.json.plan.synonyms) entities = applySynonyms(entities, this.json.synonyms);

    let intent: IntentPrediction | null = ranking[0] ?? null;
    let intentRanking = ranking;
    if (this.json.plan.fallback) ({ intent, ranking: intentRanking } = applyFallback(ranking, this.json.plan.fallback));

    const result: ParseResult = {
      text: input,
      intent: intent ? { name: intent.name, confidence: intent.confidence } : {},
      entities,
      text_tokens: tokens.map((t) => [t.start, t.end]),
      intent_ranking: intentRanking,
    };
    if (options.messageId !== undefined) result.message_id = options.messageId;
    if (options.metadata !== undefined) result.metadata = options.metadata;
    return result;
  }

  private rank(text: string, tokens: ReturnType<typeof tokenize>): IntentPrediction[] {
    if (this.keywords) {
      const name = this.keywords.classify(text);
      return name ? [{ name, confidence: 1 }] : [];
    }
    if (!this.classifier) return [];
    const hits = this.json.plan.featurizer.regex
      ? [...new Set(findMatches(this.featurePatterns, text).map((m) => m.name))]
      : [];
    const x = featurize(tokens, hits, this.json.plan.featurizer);
    // Nothing to go on (empty text, only emoji): no intent rather than the class prior.
    if (x.ids.length === 0) return [];
    const probs = this.classifier.predict(x);
    const labels = this.classifier.labels;
    const ranking = labels
      .map((name, i) => ({ name, confidence: probs[i] ?? 0 }))
      .sort((a, b) => b.confidence - a.confidence || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const length = this.json.plan.rankingLength;
    return length > 0 ? ranking.slice(0, length) : ranking;
  }

  toJSON(): NluModelJson {
    return this.json;
  }
}

/**
 * Trains an NLU model on `data` with the components of `options.pipeline` (Rasa's default pipeline when empty).
 * Deterministic: the same data, pipeline and seed give identical JSON and identical parses.
 *
 * @example const nlu = trainNlu(data, { pipeline: config.pipeline, language: "en" }); nlu.parse("hello")
 */
export function trainNlu(data: NluData, options: NluTrainOptions): NluModel {
  const warn = options.warn ?? (() => {});
  const plan = planPipeline(options.pipeline, warn);
  const examples = data.examples.filter((ex) => typeof ex.text === "string" && typeof ex.intent === "string");
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

  let classifier: NluModelJson["classifier"] = null;
  if (plan.intentClassifier === "logistic" && examples.length > 0) {
    // Retrieval intents (`chitchat/ask_name`) are classified by their base intent, as in Rasa.
    const labels = [...new Set(examples.map((ex) => ex.intent.split("/")[0] ?? ex.intent))].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const compiled = compileAll(featurePatterns);
    const samples = examples.map((ex) => {
      const hits = plan.featurizer.regex ? [...new Set(findMatches(compiled, ex.text).map((m) => m.name))] : [];
      return {
        x: featurize(tokenize(ex.text), hits, plan.featurizer),
        label: labelIndex.get(ex.intent.split("/")[0] ?? ex.intent) ?? 0,
      };
    });
    const epochs = defaultEpochs(samples, labels.length);
    options.onProgress?.(0, epochs);
    classifier = trainIntentClassifier(samples, labels, {
      seed: options.seed ?? DEFAULT_SEED,
      epochs,
      onEpoch: options.onProgress,
    }).toJSON();
  }

  const json: NluModelJson = {
    format: NLU_FORMAT,
    version: NLU_FORMAT_VERSION,
    language: options.language,
    intents,
    plan,
    featurePatterns,
    entityPatterns,
    classifier,
    keywords: plan.intentClassifier === "keyword" ? learnKeywords(examples, warn) : [],
    memorised: plan.memorisedEntities ? memoriseValues(examples) : [],
    synonyms: plan.synonyms ? collectSynonyms(data.synonyms, examples) : {},
  };
  return new PipelineModel(json);
}

/** Restores a model from its `toJSON()` output; throws a clear error when the JSON is not a Confab NLU model. */
export function loadNlu(json: unknown): NluModel {
  const parsed = nluModelJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unknown problem";
    throw new Error(`Not a Confab NLU model (${where})`);
  }
  return new PipelineModel(parsed.data);
}
