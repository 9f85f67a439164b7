/**
 * @module nlu/tagger/sentence-class
 * The tagger's own guess at a sentence's intent, used as context for its entity labels: the same words are a
 * `movie_name` in "find X" at the cinema and an `object_name` in "rate X". A small averaged multiclass perceptron
 * over the sentence's words, word pairs and word triples; it is trained on the annotated intents and never leaves
 * the tagger.
 */
import { decodeFloat32, decodeUint32, encodeFloat32, encodeUint32 } from "../codec.js";
import { seededRandom, shuffleInPlace } from "../prng.js";
import type { Token } from "../tokenizer.js";
import { hash } from "./token-features.js";

/** Sparse weights: feature i has weights for the classes `classIds[offsets[i]..offsets[i+1]]`. */
export interface SentenceClassJson {
  classes: string[];
  features: string;
  offsets: string;
  classIds: string;
  weights: string;
}

function sentenceFeatures(tokens: readonly Token[]): number[] {
  const names = ["bias"];
  const word = (i: number): string => (i < 0 ? "<s>" : (tokens[i] as Token).lower);
  tokens.forEach((t, i) => {
    names.push(`u:${t.lower}`, `b:${word(i - 1)}|${t.lower}`, `t:${word(i - 2)}|${word(i - 1)}|${t.lower}`);
  });
  return [...new Set(names.map(hash))];
}

export class SentenceClassifier {
  private constructor(
    readonly classes: readonly string[],
    private readonly weights: Map<number, Float32Array>,
  ) {}

  classify(tokens: readonly Token[]): string {
    const K = this.classes.length;
    const scores = new Float64Array(K);
    for (const f of sentenceFeatures(tokens)) {
      const w = this.weights.get(f);
      if (w) for (let k = 0; k < K; k++) scores[k] = (scores[k] as number) + (w[k] as number);
    }
    let best = 0;
    for (let k = 1; k < K; k++) if ((scores[k] as number) > (scores[best] as number)) best = k;
    return this.classes[best] ?? "";
  }

  static train(
    sentences: readonly { tokens: readonly Token[]; label: string }[],
    options: { epochs: number; seed: number },
  ): SentenceClassifier {
    const classes = [...new Set(sentences.map((s) => s.label))].sort();
    const K = classes.length;
    const index = new Map(classes.map((c, i) => [c, i]));
    const data = sentences.map((s) => ({ x: sentenceFeatures(s.tokens), y: index.get(s.label) ?? 0 }));
    const w = new Map<number, Float64Array>();
    const u = new Map<number, Float64Array>();
    const row = (m: Map<number, Float64Array>, f: number): Float64Array => {
      let r = m.get(f);
      if (!r) m.set(f, (r = new Float64Array(K)));
      return r;
    };
    const order = data.map((_, i) => i);
    const random = seededRandom(options.seed);
    let c = 1;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(order, random);
      for (const i of order) {
        const { x, y } = data[i] as { x: number[]; y: number };
        const scores = new Float64Array(K);
        for (const f of x) {
          const wf = w.get(f);
          if (wf) for (let k = 0; k < K; k++) scores[k] = (scores[k] as number) + (wf[k] as number);
        }
        let guess = 0;
        for (let k = 1; k < K; k++) if ((scores[k] as number) > (scores[guess] as number)) guess = k;
        if (guess !== y) {
          for (const f of x) {
            const wf = row(w, f);
            const uf = row(u, f);
            wf[y] = (wf[y] as number) + 1;
            wf[guess] = (wf[guess] as number) - 1;
            uf[y] = (uf[y] as number) + c;
            uf[guess] = (uf[guess] as number) - c;
          }
        }
        c++;
      }
    }
    const averaged = new Map<number, Float32Array>();
    for (const f of [...w.keys()].sort((a, b) => a - b)) {
      const wf = w.get(f) as Float64Array;
      const uf = u.get(f) as Float64Array;
      const out = Float32Array.from(wf, (v, k) => v - (uf[k] as number) / c);
      if (out.some((v) => Math.abs(v) > 1e-3)) averaged.set(f, out);
    }
    return new SentenceClassifier(classes, averaged);
  }

  toJSON(): SentenceClassJson {
    const offsets = [0];
    const classIds: number[] = [];
    const weights: number[] = [];
    for (const w of this.weights.values()) {
      w.forEach((v, k) => {
        if (v === 0) return;
        classIds.push(k);
        weights.push(v);
      });
      offsets.push(classIds.length);
    }
    return {
      classes: [...this.classes],
      features: encodeUint32(Uint32Array.from(this.weights.keys())),
      offsets: encodeUint32(Uint32Array.from(offsets)),
      classIds: encodeUint32(Uint32Array.from(classIds)),
      weights: encodeFloat32(Float32Array.from(weights)),
    };
  }

  static fromJSON(json: SentenceClassJson): SentenceClassifier {
    const features = decodeUint32(json.features, "tagger.sentenceClass.features");
    const offsets = decodeUint32(json.offsets, "tagger.sentenceClass.offsets");
    const classIds = decodeUint32(json.classIds, "tagger.sentenceClass.classIds");
    const weights = decodeFloat32(json.weights, classIds.length, "tagger.sentenceClass.weights");
    if (offsets.length !== features.length + 1 && features.length > 0) {
      throw new Error("NLU model: tagger.sentenceClass.offsets does not fit its features");
    }
    const map = new Map<number, Float32Array>();
    features.forEach((f, i) => {
      const w = new Float32Array(json.classes.length);
      for (let k = offsets[i] as number; k < (offsets[i + 1] as number); k++) {
        w[classIds[k] as number] = weights[k] as number;
      }
      map.set(f, w);
    });
    return new SentenceClassifier(json.classes, map);
  }
}

/**
 * Each sentence's class as guessed by a classifier that did not train on it (`folds`-fold cross-validation): the
 * kind of guess a parse gets, mistakes included, unlike the annotated label.
 */
export function outOfFoldClasses(
  sentences: readonly { tokens: readonly Token[]; label: string }[],
  options: { folds: number; epochs: number; seed: number },
): string[] {
  const guesses = sentences.map((s) => s.label);
  for (let fold = 0; fold < options.folds; fold++) {
    const inFold = (i: number) => i % options.folds === fold;
    const classifier = SentenceClassifier.train(
      sentences.filter((_, i) => !inFold(i)),
      options,
    );
    sentences.forEach((s, i) => {
      if (inFold(i)) guesses[i] = classifier.classify(s.tokens);
    });
  }
  return guesses;
}
