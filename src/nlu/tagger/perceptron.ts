/**
 * @module nlu/tagger/perceptron
 * A first-order linear-chain tagger trained as an averaged structured perceptron (Collins 2002): Viterbi decoding
 * under the BILOU grammar, updates where the best path differs from the gold one, weights averaged over all steps
 * (which regularises it about as well as a CRF's L2). Weights are sparse per feature: a feature only carries the
 * tags it was ever updated for, which keeps scoring cheap with hundreds of tags.
 */
import { decodeFloat32, decodeUint32, encodeFloat32, encodeUint32 } from "../codec.js";
import { seededRandom, shuffleInPlace } from "../prng.js";
import { allowedAfter, isClosed, OUTSIDE } from "./bilou.js";

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

interface Grammar {
  /** Predecessors of the tags that continue an entity (I, L): its own B and I. */
  preds: Int32Array[];
  /** Tags after which a new entity may start (O, L, U); startAllowed marks the tags that may follow them. */
  closed: Int32Array;
  startAllowed: Uint8Array;
  endAllowed: Uint8Array;
}

function grammar(tagCount: number): Grammar {
  const preds = Array.from({ length: tagCount }, (_, t) => {
    const list: number[] = [];
    if (!allowedAfter(-1, t)) for (let p = 0; p < tagCount; p++) if (allowedAfter(p, t)) list.push(p);
    return Int32Array.from(list);
  });
  const closed = Int32Array.from({ length: tagCount }, (_, t) => t).filter((t) => isClosed(t));
  const startAllowed = Uint8Array.from({ length: tagCount }, (_, t) => (allowedAfter(-1, t) ? 1 : 0));
  const endAllowed = Uint8Array.from({ length: tagCount }, (_, t) => (isClosed(t) ? 1 : 0));
  return { preds, closed, startAllowed, endAllowed };
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
export type TagOutputs = readonly (readonly number[])[];

export const ownOutputs = (tagCount: number): TagOutputs => Array.from({ length: tagCount }, (_, t) => [t]);

/**
 * Trained weights as parsing reads them: all rows in three flat arrays (features sorted, row `r` is
 * `outputs/weights[offsets[r]..offsets[r+1]]`) behind an open-addressing table from feature hash to row. One
 * object instead of one per feature keeps the heap small for the garbage collector, and the lookup avoids a Map
 * keyed by doubles (half of the 32-bit hashes are not small integers).
 */
class FrozenRows {
  private readonly keys: Uint32Array;
  private readonly slots: Int32Array;
  private readonly shift: number;
  private readonly mask: number;

  constructor(
    readonly features: Uint32Array,
    readonly offsets: Uint32Array,
    readonly outputs: Uint32Array,
    readonly weights: Float32Array,
  ) {
    let bits = 4;
    while (1 << bits < features.length * 2) bits++;
    this.keys = new Uint32Array(1 << bits);
    this.slots = new Int32Array(1 << bits).fill(-1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    for (let r = 0; r < features.length; r++) {
      const f = features[r] as number;
      let s = Math.imul(f, 0x9e3779b1) >>> this.shift;
      while ((this.slots[s] as number) >= 0) s = (s + 1) & this.mask;
      this.keys[s] = f;
      this.slots[s] = r;
    }
  }

  static fromMap(rows: ReadonlyMap<number, { tags: ArrayLike<number>; w: ArrayLike<number> }>): FrozenRows {
    const features = Uint32Array.from([...rows.keys()].sort((a, b) => a - b));
    const offsets = new Uint32Array(features.length + 1);
    let size = 0;
    features.forEach((f, r) => {
      size += (rows.get(f) as { tags: ArrayLike<number> }).tags.length;
      offsets[r + 1] = size;
    });
    const outputs = new Uint32Array(size);
    const weights = new Float32Array(size);
    features.forEach((f, r) => {
      const row = rows.get(f) as { tags: ArrayLike<number>; w: ArrayLike<number> };
      outputs.set(row.tags, offsets[r]);
      weights.set(row.w, offsets[r]);
    });
    return new FrozenRows(features, offsets, outputs, weights);
  }

  /** Adds the weights of features `fs` to `scores[base + output]`; returns how many it added. */
  addTo(scores: Float64Array, base: number, fs: Uint32Array): number {
    const { offsets, outputs, weights } = this;
    let terms = 0;
    for (let j = 0; j < fs.length; j++) {
      const r = this.find(fs[j] as number);
      if (r < 0) continue;
      const end = offsets[r + 1] as number;
      terms += end - (offsets[r] as number);
      for (let k = offsets[r] as number; k < end; k++) {
        const at = base + (outputs[k] as number);
        scores[at] = (scores[at] as number) + (weights[k] as number);
      }
    }
    return terms;
  }

  /** The row of feature `f`, or -1. */
  find(f: number): number {
    let s = Math.imul(f, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const r = this.slots[s] as number;
      if (r < 0 || this.keys[s] === f) return r;
      s = (s + 1) & this.mask;
    }
  }
}

/** How much scoring one sentence took: a count that does not depend on the machine, unlike a stopwatch. */
export interface DecodeWork {
  tokens: number;
  /** Feature weights added into tag scores. */
  emissionTerms: number;
  /** Predecessor tags Viterbi looked at (score + transition). */
  transitionTerms: number;
}

/**
 * Work arrays reused from one sentence to the next (parsing is synchronous, so one set per tagger is enough): a
 * parse then allocates next to nothing here, and no garbage collection lands in the middle of a request.
 */
class Scratch {
  /** What the last sentence cost (see SequenceTagger.lastWork). */
  readonly work: DecodeWork = { tokens: 0, emissionTerms: 0, transitionTerms: 0 };
  scores = new Float64Array(0);
  emit = new Float64Array(0);
  delta = new Float64Array(0);
  back = new Int32Array(0);

  ensure(n: number, T: number, O: number): void {
    const grow = (have: number, need: number) => (have >= need ? have : Math.max(need, have * 2));
    if (this.scores.length < n * O) this.scores = new Float64Array(grow(this.scores.length, n * O));
    if (this.emit.length < n * T) this.emit = new Float64Array(grow(this.emit.length, n * T));
    if (this.delta.length < n * T) this.delta = new Float64Array(grow(this.delta.length, n * T));
    if (this.back.length < n * T) this.back = new Int32Array(grow(this.back.length, n * T));
  }
}

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

/**
 * Viterbi under the BILOU grammar. Tags that may follow a closed tag (O, L, U) have every closed tag as a possible
 * predecessor, which makes the step quadratic in the number of labels. But most closed → open transitions were
 * never updated and are exactly 0, so for each open tag the best predecessor is either one of its few non-zero
 * transitions or simply the best closed predecessor whose transition is 0: found among the top few closed scores
 * (a full scan only when all of those have a non-zero transition). Exact, and near-linear in practice.
 */
interface OpenTransitions {
  offsets: Int32Array;
  preds: Int32Array;
  weights: Float64Array;
}

function openTransitions(
  T: number,
  trans: Float64Array,
  closed: Int32Array,
  startAllowed: Uint8Array,
): OpenTransitions {
  const offsets = new Int32Array(T + 1);
  const preds: number[] = [];
  const weights: number[] = [];
  for (let t = 0; t < T; t++) {
    if (startAllowed[t]) {
      for (const p of closed) {
        const w = trans[p * T + t] as number;
        if (w !== 0) {
          preds.push(p);
          weights.push(w);
        }
      }
    }
    offsets[t + 1] = preds.length;
  }
  return { offsets, preds: Int32Array.from(preds), weights: Float64Array.from(weights) };
}

const TOP = 8;

/** The TOP best closed predecessors by score, best first. */
function topClosed(delta: Float64Array, base: number, closed: Int32Array, top: Int32Array): number {
  let size = 0;
  for (const p of closed) {
    const d = delta[base + p] as number;
    if (d === -Infinity) continue;
    if (size === TOP && d <= (delta[base + (top[TOP - 1] as number)] as number)) continue;
    let at = size < TOP ? size++ : TOP - 1;
    while (at > 0 && (delta[base + (top[at - 1] as number)] as number) < d) {
      top[at] = top[at - 1] as number;
      at--;
    }
    top[at] = p;
  }
  return size;
}

function viterbi(
  emit: Float64Array,
  n: number,
  T: number,
  trans: Float64Array,
  g: Grammar,
  open: OpenTransitions,
  scratch: Scratch,
): number[] {
  const { delta, back } = scratch;
  const { startAllowed, closed, preds: continuing } = g;
  const { offsets, preds: openPreds, weights: openWeights } = open;
  delta.fill(-Infinity, 0, n * T);
  const top = new Int32Array(TOP);
  let terms = 0;
  for (let t = 0; t < T; t++) if (startAllowed[t]) delta[t] = emit[t] as number;
  for (let i = 1; i < n; i++) {
    const prevBase = (i - 1) * T;
    const size = topClosed(delta, prevBase, closed, top);
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      if (startAllowed[t]) {
        const from = offsets[t] as number;
        const to = offsets[t + 1] as number;
        terms += to - from;
        for (let k = from; k < to; k++) {
          const p = openPreds[k] as number;
          const s = (delta[prevBase + p] as number) + (openWeights[k] as number);
          if (s > best) {
            best = s;
            arg = p;
          }
        }
        let zeroFound = false;
        for (let k = 0; k < size; k++) {
          const p = top[k] as number;
          terms++;
          if (trans[p * T + t] !== 0) continue;
          zeroFound = true;
          const s = delta[prevBase + p] as number;
          if (s > best) {
            best = s;
            arg = p;
          }
          break;
        }
        if (!zeroFound && size === TOP) {
          terms += closed.length;
          for (let k = 0; k < closed.length; k++) {
            const p = closed[k] as number;
            const s = (delta[prevBase + p] as number) + (trans[p * T + t] as number);
            if (s > best) {
              best = s;
              arg = p;
            }
          }
        }
      } else {
        const preds = continuing[t] as Int32Array;
        terms += preds.length;
        for (let k = 0; k < preds.length; k++) {
          const p = preds[k] as number;
          const s = (delta[prevBase + p] as number) + (trans[p * T + t] as number);
          if (s > best) {
            best = s;
            arg = p;
          }
        }
      }
      delta[i * T + t] = best + (emit[i * T + t] as number);
      back[i * T + t] = arg;
    }
  }
  let last = OUTSIDE;
  let best = -Infinity;
  for (let t = 0; t < T; t++) {
    const s = delta[(n - 1) * T + t] as number;
    if (g.endAllowed[t] && s > best) {
      best = s;
      last = t;
    }
  }
  const tags = new Array<number>(n);
  tags[n - 1] = last;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * T + (tags[i] as number)] as number;
  scratch.work.transitionTerms = terms;
  return tags;
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
  // Averaged weights: w_avg = w - u / c.
  const averaged = new Map<number, { tags: number[]; w: number[] }>();
  for (const f of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(f) as Row;
    const out = { tags: [] as number[], w: [] as number[] };
    row.tags.forEach((tag, k) => {
      const w = (row.w[k] as number) - (row.u[k] as number) / c;
      if (Math.abs(w) > 1e-4) {
        out.tags.push(tag);
        out.w.push(Math.fround(w));
      }
    });
    if (out.tags.length > 0) averaged.set(f, out);
  }
  const avgTrans = trans.map((w, i) => Math.fround(w - (transU[i] as number) / c));
  return new SequenceTagger(T, averaged, avgTrans, outputs);
}
