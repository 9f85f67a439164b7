/**
 * @module nlu/pipeline
 * Running a trained NLU model: tokenize → featurize → classify intent → extract entities (regex, learned tagger,
 * Duckling) → map synonyms → fallback → response selector, producing Rasa's ParseResult (`rasa-protocol.md` §1.5).
 * Training lives in `pipeline-train.ts`.
 */
import type { ExtractedEntity, IntentPrediction, ParseResult } from "../model/index.js";
import type { NluModel, ParseOptions } from "./types.js";
import { extractDuckling } from "./duckling.js";
import { featurize, type SparseVector } from "./features.js";
import { applyFallback } from "./fallback.js";
import { IntentClassifier } from "./intent-classifier.js";
import { rankIntents } from "./intent-ranking.js";
import { extractRegexEntities, MemorisedEntityExtractor } from "./entity-extractors.js";
import { KeywordClassifier } from "./keyword-classifier.js";
import { splitLabels } from "./label-parts.js";
import { NLU_FORMAT_VERSION, nluModelJsonSchema, type NluModelJson } from "./model-json.js";
import { compilePattern, findMatches, type CompiledPattern, type PatternSpec } from "./patterns.js";
import { ResponseSelector } from "./response-selector.js";
import { applySynonyms } from "./synonyms.js";
import { EntityTagger } from "./tagger/entity-tagger.js";
import { tokenize, type Token } from "./tokenizer.js";

export function compileAll(specs: readonly PatternSpec[]): CompiledPattern[] {
  return specs.flatMap((s) => {
    const compiled = compilePattern(s);
    return compiled ? [compiled] : [];
  });
}

function overlaps(a: ExtractedEntity, b: ExtractedEntity): boolean {
  return (a.start ?? 0) < (b.end ?? 0) && (b.start ?? 0) < (a.end ?? 0);
}

/** Entities of `extra` that do not overlap an entity of the same type already in `found`. */
function addNonOverlapping(found: ExtractedEntity[], extra: readonly ExtractedEntity[]): ExtractedEntity[] {
  const kept = extra.filter((m) => !found.some((r) => r.entity === m.entity && overlaps(r, m)));
  return [...found, ...kept].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

export class PipelineModel implements NluModel {
  readonly intents: readonly string[];
  private readonly featurePatterns: CompiledPattern[];
  private readonly entityPatterns: CompiledPattern[];
  private readonly classifier: IntentClassifier | null;
  private readonly keywords: KeywordClassifier | null;
  private readonly memorised: MemorisedEntityExtractor | null;
  private readonly tagger: EntityTagger | null;
  private readonly selector: ResponseSelector | null;

  constructor(private readonly json: NluModelJson) {
    this.intents = json.intents;
    this.featurePatterns = compileAll(json.featurePatterns);
    this.entityPatterns = compileAll(json.entityPatterns);
    this.classifier =
      json.plan.intentClassifier === "logistic" && json.classifier
        ? IntentClassifier.fromJSON(json.classifier, splitLabels(json.classifier.labels, json.plan.intentSplit))
        : null;
    this.keywords =
      json.plan.intentClassifier === "keyword"
        ? new KeywordClassifier(json.keywords, json.plan.keywordCaseSensitive)
        : null;
    this.memorised = json.plan.memorisedEntities ? new MemorisedEntityExtractor(json.memorised) : null;
    this.tagger = json.tagger ? EntityTagger.fromJSON(json.tagger, this.featurePatterns) : null;
    this.selector = json.selector ? new ResponseSelector(json.selector) : null;
  }

  parse(text: string, options: ParseOptions = {}): ParseResult {
    const input = typeof text === "string" ? text : String(text ?? "");
    const tokens = tokenize(input);
    const x = this.features(input, tokens);
    const ranking = this.rank(input, x);

    let entities = extractRegexEntities(this.entityPatterns, input);
    if (this.memorised) entities = addNonOverlapping(entities, this.memorised.extract(input, tokens));
    // The classifier's intent is the tagger's sentence context (its own guess is only a fallback for labels it
    // never saw, e.g. retrieval intents classified by their base name).
    if (this.tagger) entities = addNonOverlapping(entities, this.tagger.extract(input, tokens, ranking[0]?.name));
    if (this.json.plan.duckling) {
      const now = options.referenceTime ?? new Date();
      entities = [...entities, ...extractDuckling(input, this.json.plan.duckling, now)].sort(
        (a, b) => (a.start ?? 0) - (b.start ?? 0),
      );
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
    if (this.selector) {
      result.response_selector = this.selector.select(x);
      const full = intent ? this.selector.fullIntent(x, intent.name) : null;
      if (full && intent)
        result.intent = { name: intent.name, confidence: intent.confidence, full_retrieval_intent_name: full };
    }
    if (options.messageId !== undefined) result.message_id = options.messageId;
    if (options.metadata !== undefined) result.metadata = options.metadata;
    return result;
  }

  private features(text: string, tokens: readonly Token[]): SparseVector {
    const hits = this.json.plan.featurizer.regex
      ? [...new Set(findMatches(this.featurePatterns, text).map((m) => m.name))]
      : [];
    return featurize(tokens, hits, this.json.plan.featurizer);
  }

  private rank(text: string, x: SparseVector): IntentPrediction[] {
    if (this.keywords) {
      const name = this.keywords.classify(text);
      return name ? [{ name, confidence: 1 }] : [];
    }
    // Nothing to go on (empty text, only emoji): no intent rather than the class prior.
    if (!this.classifier || x.ids.length === 0) return [];
    return rankIntents(this.classifier.labels, this.classifier.predict(x), this.json.plan.rankingLength);
  }

  toJSON(): NluModelJson {
    return this.json;
  }
}

/** Restores a model from its `toJSON()` output; throws a clear error when the JSON is not a Confab NLU model. */
export function loadNlu(json: unknown): NluModel {
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version !== NLU_FORMAT_VERSION) {
    throw new Error(
      `This NLU model was trained by another Confab version (model format ${version}, this Confab reads ` +
        `${NLU_FORMAT_VERSION}): retrain it with \`confab train\`.`,
    );
  }
  const parsed = nluModelJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "unknown problem";
    throw new Error(`Not a Confab NLU model (${where})`);
  }
  return new PipelineModel(parsed.data);
}
