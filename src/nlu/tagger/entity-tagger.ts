/**
 * @module nlu/tagger/entity-tagger
 * The learned entity extractor: BILOU tags from the annotated training examples, token features (incl. regex and
 * lookup hits), a linear-chain model decoded with Viterbi, trained as a CRF (large data) or an averaged structured
 * perceptron (small bots). Entities come out in Rasa's shape with `role`, `group`, `confidence_entity` (the lowest
 * per-token tag probability of the span) and `extractor` = the Rasa component it stands in for (DIETClassifier or
 * CRFEntityExtractor), so evaluation reports are named alike.
 */
import type { ExtractedEntity, NluExample } from "../../model/index.js";
import { findMatches, type CompiledPattern } from "../patterns.js";
import { tokenize, type Token } from "../tokenizer.js";
import { decodeTags, encodeTags, labelKey, parseLabelKey, tagCount } from "./bilou.js";
import { trainCrf } from "./crf.js";
import { SequenceTagger, trainTagger, type Sequence, type TaggerJson } from "./perceptron.js";
import { Gazetteer, valueKey, type GazetteerJson, type OwnValue } from "./gazetteer.js";
import { labelPartOutputs } from "./label-parts.js";
import { outOfFoldClasses, SentenceClassifier, type SentenceClassJson } from "./sentence-class.js";
import { patternHitsPerToken, tokenFeatures } from "./token-features.js";

export interface EntityTaggerJson {
  extractor: string;
  labels: string[];
  gazetteer: GazetteerJson;
  sentenceClass: SentenceClassJson;
  model: TaggerJson;
}

export interface EntityTaggerTrainOptions {
  extractor: string;
  patterns: readonly CompiledPattern[];
  seed: number;
  epochs?: number;
  warn: (message: string) => void;
  onEpoch?: (done: number, total: number) => void;
}

/** Long texts are tagged in windows of this many tokens: decoding stays linear and a 10 kB message stays fast. */
const WINDOW = 200;

/**
 * From this many training examples on, the tagger learns its sentence context the way parsing will serve it: as
 * a guess that is sometimes wrong (out-of-fold, see trainEntityTagger) and also as a prior on its own. Below it,
 * five folds are too small to guess intents the way the full classifier does, and the prior is learned too
 * eagerly; both cost a 30-example bot several points of entity F1 and gain nothing on a 100-example one.
 */
const LARGE_DATA = 1000;

function featuresOf(
  text: string,
  tokens: readonly Token[],
  patterns: readonly CompiledPattern[],
  gazetteer: Gazetteer,
  sentenceClass: string,
  own: readonly OwnValue[] = [],
  classPrior = true,
): Uint32Array[] {
  const hits = patterns.length > 0 ? patternHitsPerToken(tokens, findMatches(patterns, text)) : tokens.map(() => []);
  return tokenFeatures(tokens, hits, gazetteer.hits(tokens, own), sentenceClass, classPrior);
}

const where = (ex: NluExample): string => (ex.source ? `${ex.source.file}:${ex.source.line}: ` : "");

/** An epoch budget that keeps big data sets within seconds and small bots well fitted. */
function defaultEpochs(tokens: number): number {
  return Math.max(5, Math.min(30, Math.round(4e5 / Math.max(1, tokens))));
}

export class EntityTagger {
  private readonly labels: ReturnType<typeof parseLabelKey>[];

  constructor(
    private readonly json: EntityTaggerJson,
    private readonly tagger: SequenceTagger,
    private readonly patterns: readonly CompiledPattern[],
    private readonly gazetteer: Gazetteer,
    private readonly sentences: SentenceClassifier,
  ) {
    this.labels = json.labels.map(parseLabelKey);
  }

  /**
   * Entities in `text`. `intent`, when the caller already knows it (the pipeline's intent classifier), is the
   * sentence context; an intent the tagger was not trained with falls back to the tagger's own guess.
   */
  extract(text: string, tokens: readonly Token[], intent?: string): ExtractedEntity[] {
    const out: ExtractedEntity[] = [];
    // Trained without a single entity (moodbot), every tag is "outside": no need to featurise the sentence.
    if (this.labels.length === 0) return out;
    const sentenceClass =
      intent !== undefined && this.sentences.classes.includes(intent) ? intent : this.sentences.classify(tokens);
    for (let from = 0; from < tokens.length; from += WINDOW) {
      const window = tokens.slice(from, from + WINDOW);
      const { tags, confidence } = this.tagger.decode(
        featuresOf(text, window, this.patterns, this.gazetteer, sentenceClass),
      );
      for (const span of decodeTags(tags)) {
        const label = this.labels[span.label];
        if (!label) continue;
        const start = (window[span.first] as Token).start;
        const end = (window[span.last] as Token).end;
        let conf = 1;
        for (let i = span.first; i <= span.last; i++) conf = Math.min(conf, confidence[i] ?? 0);
        const entity: ExtractedEntity = {
          entity: label.entity,
          start,
          end,
          confidence_entity: Number.isFinite(conf) ? Math.round(conf * 1e4) / 1e4 : 0,
          value: text.slice(start, end),
          extractor: this.json.extractor,
        };
        if (label.role) entity.role = label.role;
        if (label.group) entity.group = label.group;
        out.push(entity);
      }
    }
    return out;
  }

  toJSON(): EntityTaggerJson {
    return this.json;
  }

  static fromJSON(json: EntityTaggerJson, patterns: readonly CompiledPattern[]): EntityTagger {
    return new EntityTagger(
      json,
      SequenceTagger.fromJSON(json.model, labelPartOutputs(json.labels.map(parseLabelKey))),
      patterns,
      Gazetteer.fromJSON(json.gazetteer),
      SentenceClassifier.fromJSON(json.sentenceClass),
    );
  }
}

/** Trains the tagger; returns null when no example carries an entity annotation. */
export function trainEntityTagger(
  examples: readonly NluExample[],
  options: EntityTaggerTrainOptions,
): EntityTagger | null {
  const keys = [...new Set(examples.flatMap((ex) => ex.entities.map(labelKey)))].sort();
  if (keys.length === 0) return null;
  const index = new Map(keys.map((k, i) => [k, i]));
  const sentences = examples.map((ex) => {
    const tokens = tokenize(ex.text);
    const own = ex.entities.map((a) => ({
      value: valueKey(tokenize(ex.text.slice(a.start, a.end)), 0, Infinity),
      label: index.get(labelKey(a)) ?? 0,
    }));
    return { ex, tokens, own };
  });
  const gazetteer = Gazetteer.build(sentences.flatMap((s) => s.own));
  const labelled = sentences.map((s) => ({ tokens: s.tokens, label: s.ex.intent }));
  const sentenceClasses = SentenceClassifier.train(labelled, { epochs: 5, seed: options.seed });
  const large = sentences.length >= LARGE_DATA;
  // Parsing serves the intent classifier's guess, which is wrong now and then; trained on the annotated intents
  // only, the tagger trusts the context more than a parse should (SNIPS: 0.75 points of entity F1 between
  // annotated and predicted intents at parse time). Out-of-fold guesses teach it how far to trust it.
  const contexts = large
    ? outOfFoldClasses(labelled, { folds: 5, epochs: 5, seed: options.seed })
    : labelled.map((s) => s.label);
  const data: Sequence[] = [];
  let tokenTotal = 0;
  for (const [k, { ex, tokens, own }] of sentences.entries()) {
    const { tags, unmatched } = encodeTags(tokens, ex.entities, (a) => index.get(labelKey(a)) ?? 0);
    for (const a of unmatched) {
      options.warn(
        `${where(ex)}entity annotation '${a.entity}' at characters ${a.start}-${a.end} of "${ex.text}" covers no ` +
          "word (only spaces or punctuation); it is ignored.",
      );
    }
    tokenTotal += tokens.length;
    const context = contexts[k] as string;
    data.push({ features: featuresOf(ex.text, tokens, options.patterns, gazetteer, context, own, large), tags });
  }
  const epochs = options.epochs ?? defaultEpochs(tokenTotal);
  const outputs = labelPartOutputs(keys.map(parseLabelKey));
  // Large data: a CRF with a softmax margin (crf.ts); small bots keep the perceptron, which the CRF lost to on
  // one of the three Braun corpora.
  const train = large ? trainCrf : trainTagger;
  const tagger = train(data, tagCount(keys.length), { epochs, seed: options.seed, onEpoch: options.onEpoch, outputs });
  const json: EntityTaggerJson = {
    extractor: options.extractor,
    labels: keys,
    gazetteer: gazetteer.toJSON(),
    sentenceClass: sentenceClasses.toJSON(),
    model: tagger.toJSON(),
  };
  return new EntityTagger(json, tagger, options.patterns, gazetteer, sentenceClasses);
}
