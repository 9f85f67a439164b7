/**
 * @module nlu/tagger/perceptron
 * A first-order linear-chain tagger trained as an averaged structured perceptron (Collins 2002): Viterbi decoding
 * under the BILOU grammar, updates where the best path differs from the gold one, weights averaged over all steps
 * (which regularises it about as well as a CRF's L2). Weights are sparse per feature: a feature only carries the
 * tags it was ever updated for, which keeps scoring cheap with hundreds of tags.
 */
import { decodeFloat32, decodeUint32, encodeFloat32, encodeUint32 } from "../codec.js";
import { seededRandom, shuffleInPlace } from "../prng.js";
import { allowedAfter, OUTSIDE } from "./bilou.js";
import { grammar, openTransitions, Scratch, viterbi } from "./decode.js";
import type { DecodeWork, Grammar, OpenTransitions } from "./decode.js";
import { FrozenRows } from "./weight-rows.js";

export interface TaggerJson {
  tags: number;
  features: string;
  offsets: string;
  tagIds: string;
  weights: string;
  transitions: string;
}

export interface Sequence {
  features: Uint32Array[];
  tags: number[];
}

/** Sparse weights of one feature while training: parallel arrays of output ids, weights and their running sums. */
interface Row {
  tags: number[];
  w: number[];
  u: number[];
}

/**
 * What a tag's score is made of. Scores are learned per output; output `t` is tag `t` itself, outputs from
 * `tagCount` on are parts shared by several tags (e.g. `B` of every `*.city_name`), and a tag scores the sum of
 * its outputs. Sharing lets a rare tag borrow what its common relatives learned.
 */
/**
 * The averaged weights of `rows` after `steps` updates (w_avg = w - u / steps, where `u` sums each update times the
 * step it came at), rows in feature order, weights no larger than `prune` in size dropped.
 */
export function averagedRows(
  rows: ReadonlyMap<number, Row>,
  steps: number,
  prune: number,
): Map<number, { tags: number[]; w: number[] }> {
  const averaged = new Map<number, { tags: number[]; w: number[] }>();
  for (const f of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(f) as Row;
    const out = { tags: [] as number[], w: [] as number[] };
    row.tags.forEach((tag, k) => {
      const w = (row.w[k] as number) - (row.u[k] as number) / steps;
      if (Math.abs(w) > prune) {
        out.tags.push(tag);
        out.w.push(Math.fround(w));
      }
    });
    if (out.tags.length > 0) averaged.set(f, out);
  }
  return averaged;
}

export type TagOutputs = readonly (readonly number[])[];

export const ownOutputs = (tagCount: number): TagOutputs => Array.from({ length: tagCount }, (_, t) => [t]);

export class SequenceTagger {
  private readonly g: Grammar;
  private openCache: OpenTransitions | null = null;
  private readonly shared: { outputCount: number; extra: Int32Array[] } | null;
  private readonly frozen: FrozenRows | null;
  private readonly scratch = new Scratch();

  /**
   * `rows` are the weights per feature; a `live` tagger (training) reads them as they change, any other copies them
   * once into a parse-friendly layout.
   */
  constructor(
    readonly tagCount: number,
    private readonly rows: ReadonlyMap<number, { tags: ArrayLike<number>; w: ArrayLike<number> }> | FrozenRows,
    private readonly transitions: Float64Array,
    readonly outputs: TagOutputs = ownOutputs(tagCount),
    live = false,
  ) {
    this.g = grammar(tagCount);
    const extra = outputs.map((list) => Int32Array.from(list.filter((o) => o >= tagCount)));
    const outputCount = Math.max(tagCount, ...outputs.flat().map((o) => o + 1));
    this.shared = extra.some((e) => e.length > 0) ? { outputCount, extra } : null;
    this.frozen = rows instanceof FrozenRows ? rows : live ? null : FrozenRows.fromMap(rows);
  }

  /**
   * Tag scores of every token (`n × tagCount`, row-major) in the tagger's work array: valid until its next call.
   */
  private emissions(features: readonly Uint32Array[]): Float64Array {
    const T = this.tagCount;
    const O = this.shared ? this.shared.outputCount : T;
    const n = features.length;
    this.scratch.ensure(n, T, O);
    const scores = this.shared ? this.scratch.scores : this.scratch.emit;
    scores.fill(0, 0, n * O);
    let terms = 0;
    for (let i = 0; i < n; i++) {
      const fs = features[i] as Uint32Array;
      terms += this.frozen ? this.frozen.addTo(scores, i * O, fs) : this.addLive(scores, i * O, fs);
    }
    this.scratch.work.tokens = n;
    this.scratch.work.emissionTerms = terms;
    this.scratch.work.transitionTerms = 0;
    if (!this.shared) return scores;
    const emit = this.scratch.emit;
    const extraOf = this.shared.extra;
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < T; t++) {
        let s = scores[i * O + t] as number;
        const extra = extraOf[t] as Int32Array;
        for (let k = 0; k < extra.length; k++) s += scores[i * O + (extra[k] as number)] as number;
        emit[i * T + t] = s;
      }
    }
    return emit;
  }

  /** Adds the weights of features `fs` to `scores[base + output]` while training; returns how many it added. */
  private addLive(scores: Float64Array, base: number, fs: Uint32Array): number {
    const rows = this.rows as ReadonlyMap<number, { tags: ArrayLike<number>; w: ArrayLike<number> }>;
    let terms = 0;
    for (let j = 0; j < fs.length; j++) {
      const row = rows.get(fs[j] as number);
      if (!row) continue;
      terms += row.tags.length;
      for (let k = 0; k < row.tags.length; k++) {
        const at = base + (row.tags[k] as number);
        scores[at] = (scores[at] as number) + (row.w[k] as number);
      }
    }
    return terms;
  }

  /** The best tag sequence and the emission scores it was found with (the tagger's work array, see emissions). */
  bestPath(features: readonly Uint32Array[]): { tags: number[]; emit: Float64Array } {
    const emit = this.emissions(features);
    if (features.length === 0) return { tags: [], emit };
    this.openCache ??= openTransitions(this.tagCount, this.transitions, this.g.closed, this.g.startAllowed);
    const tags = viterbi(emit, features.length, this.tagCount, this.transitions, this.g, this.openCache, this.scratch);
    return { tags, emit };
  }

  /** What scoring the last sentence took (tokens, weights added, Viterbi predecessors looked at). */
  get lastWork(): Readonly<DecodeWork> {
    return this.scratch.work;
  }

  /** Must be called after the transitions change (training), to refresh Viterbi's sparse transitions. */
  transitionsChanged(): void {
    this.openCache = null;
  }

  /**
   * Best tag sequence and, for every token inside an entity, the probability of its tag given the previous one
   * (softmax of the scores of the tags the grammar allows there). Tokens tagged O carry NaN: nothing reads their
   * confidence, and skipping them saves a softmax over every tag for most tokens.
   */
  decode(features: readonly Uint32Array[]): { tags: number[]; confidence: number[] } {
    const { tags, emit } = this.bestPath(features);
    const T = this.tagCount;
    const trans = this.transitions;
    const confidence = tags.map((tag, i) => {
      if (tag === OUTSIDE) return NaN;
      const prev = i === 0 ? -1 : (tags[i - 1] as number);
      const from = prev < 0 ? -1 : prev * T;
      let top = -Infinity;
      for (let t = 0; t < T; t++) {
        if (!allowedAfter(prev, t)) continue;
        top = Math.max(top, (emit[i * T + t] as number) + (from < 0 ? 0 : (trans[from + t] as number)));
      }
      let sum = 0;
      for (let t = 0; t < T; t++) {
        if (!allowedAfter(prev, t)) continue;
        sum += Math.exp((emit[i * T + t] as number) + (from < 0 ? 0 : (trans[from + t] as number)) - top);
      }
      const own = (emit[i * T + tag] as number) + (from < 0 ? 0 : (trans[from + tag] as number));
      return Math.exp(own - top) / sum;
    });
    return { tags, confidence };
  }

  toJSON(): TaggerJson {
    const frozen = this.frozen ?? FrozenRows.fromMap(this.rows as ReadonlyMap<number, Row>);
    return {
      tags: this.tagCount,
      features: encodeUint32(frozen.features),
      offsets: encodeUint32(frozen.offsets),
      tagIds: encodeUint32(frozen.outputs),
      weights: encodeFloat32(frozen.weights),
      transitions: encodeFloat32(Float32Array.from(this.transitions)),
    };
  }

  static fromJSON(json: TaggerJson, outputs: TagOutputs = ownOutputs(json.tags)): SequenceTagger {
    const features = decodeUint32(json.features, "tagger.features");
    const offsets = decodeUint32(json.offsets, "tagger.offsets");
    const tagIds = decodeUint32(json.tagIds, "tagger.tagIds");
    const weights = decodeFloat32(json.weights, tagIds.length, "tagger.weights");
    if (offsets.length !== features.length + 1 || offsets[features.length] !== tagIds.length) {
      throw new Error("NLU model: tagger.offsets does not fit its features");
    }
    const transitions = decodeFloat32(json.transitions, json.tags * json.tags, "tagger.transitions");
    const rows = new FrozenRows(features, offsets, tagIds, weights);
    return new SequenceTagger(json.tags, rows, Float64Array.from(transitions), outputs);
  }
}

export interface TaggerTrainOptions {
  epochs: number;
  outputs?: TagOutputs;
  seed: number;
  onEpoch?: (done: number, total: number) => void;
}

function bump(rows: Map<number, Row>, f: number, tag: number, d: number, c: number): void {
  let row = rows.get(f);
  if (!row) {
    row = { tags: [], w: [], u: [] };
    rows.set(f, row);
  }
  let k = row.tags.indexOf(tag);
  if (k < 0) {
    k = row.tags.length;
    row.tags.push(tag);
    row.w.push(0);
    row.u.push(0);
  }
  row.w[k] = (row.w[k] as number) + d;
  row.u[k] = (row.u[k] as number) + c * d;
}

/** Trains on gold-tagged sequences; deterministic for a given seed. */
export function trainTagger(data: readonly Sequence[], tagCount: number, options: TaggerTrainOptions): SequenceTagger {
  const rows = new Map<number, Row>();
  const T = tagCount;
  const trans = new Float64Array(T * T);
  const transU = new Float64Array(T * T);
  const outputs = options.outputs ?? ownOutputs(T);
  const live = new SequenceTagger(T, rows, trans, outputs, true);
  const order = data.map((_, i) => i);
  const random = seededRandom(options.seed);
  let c = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const seq = data[index] as Sequence;
      if (seq.tags.length === 0) continue;
      const { tags: pred } = live.bestPath(seq.features);
      for (let i = 0; i < pred.length; i++) {
        const gold = seq.tags[i] as number;
        const guess = pred[i] as number;
        if (gold !== guess) {
          const up = (outputs[gold] as readonly number[]).filter((o) => !outputs[guess]?.includes(o));
          const down = (outputs[guess] as readonly number[]).filter((o) => !outputs[gold]?.includes(o));
          for (const f of seq.features[i] as Uint32Array) {
            for (const o of up) bump(rows, f, o, 1, c);
            for (const o of down) bump(rows, f, o, -1, c);
          }
        }
        if (i > 0) {
          const gp = seq.tags[i - 1] as number;
          const pp = pred[i - 1] as number;
          if (gp !== pp || gold !== guess) {
            trans[gp * T + gold] = (trans[gp * T + gold] as number) + 1;
            transU[gp * T + gold] = (transU[gp * T + gold] as number) + c;
            trans[pp * T + guess] = (trans[pp * T + guess] as number) - 1;
            transU[pp * T + guess] = (transU[pp * T + guess] as number) - c;
            live.transitionsChanged();
          }
        }
      }
      c++;
    }
    options.onEpoch?.(epoch + 1, options.epochs);
  }
  const averaged = averagedRows(rows, c, 1e-4);
  const avgTrans = trans.map((w, i) => Math.fround(w - (transU[i] as number) / c));
  return new SequenceTagger(T, averaged, avgTrans, outputs);
}
