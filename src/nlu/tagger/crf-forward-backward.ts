/**
 * @module nlu/tagger/crf-forward-backward
 * Forward-backward over the BILOU grammar for CRF training (`crf.ts`): the links between tags that may carry a
 * weight, work arrays reused from sentence to sentence, and the scaled alpha / beta passes whose products are the tag
 * marginals.
 */
import { allowedAfter, isClosed } from "./bilou.js";
import type { Sequence } from "./perceptron.js";

/** Forward-backward skips predecessors (successors) carrying less than this share of a token's probability. */
const NEGLIGIBLE = 1e-6;

/** The grammar's transitions and which of them carry a weight, indexed both ways. */
export interface Links {
  closed: Uint8Array;
  starts: Uint8Array;
  closedList: Int32Array;
  startList: Int32Array;
  /** Per closed tag: its successors (start tags) whose transition is learned. Grows while training. */
  outTo: number[][];
  /** Per B or I tag: the tags that continue its entity (I, L of its label). */
  contNext: Int32Array[];
  /** Per tag that continues an entity (I, L): its predecessors (B, I of its label). */
  contPreds: Int32Array[];
  /** Per start tag: its closed predecessors whose transition is learned. Grows while training. */
  inFrom: number[][];
  learned: Uint8Array;
}

export function links(data: readonly Sequence[], T: number): Links {
  const learned = new Uint8Array(T * T);
  for (const seq of data) {
    for (let i = 1; i < seq.tags.length; i++) learned[(seq.tags[i - 1] as number) * T + (seq.tags[i] as number)] = 1;
  }
  const closed = Uint8Array.from({ length: T }, (_, t) => (isClosed(t) ? 1 : 0));
  const starts = Uint8Array.from({ length: T }, (_, t) => (allowedAfter(-1, t) ? 1 : 0));
  const outTo = Array.from({ length: T }, () => [] as number[]);
  const inFrom = Array.from({ length: T }, () => [] as number[]);
  const contNext = Array.from({ length: T }, () => [] as number[]);
  const contPreds = Array.from({ length: T }, () => [] as number[]);
  for (let p = 0; p < T; p++) {
    for (let t = 0; t < T; t++) {
      if (!allowedAfter(p, t)) continue;
      if (closed[p]) {
        if (learned[p * T + t]) {
          (outTo[p] as number[]).push(t);
          (inFrom[t] as number[]).push(p);
        }
      } else {
        learned[p * T + t] = 1;
        (contNext[p] as number[]).push(t);
        (contPreds[t] as number[]).push(p);
      }
    }
  }
  const list = (flags: Uint8Array) => Int32Array.from({ length: T }, (_, t) => t).filter((t) => flags[t] === 1);
  return {
    closed,
    starts,
    closedList: list(closed),
    startList: list(starts),
    outTo,
    inFrom,
    contNext: contNext.map((l) => Int32Array.from(l)),
    contPreds: contPreds.map((l) => Int32Array.from(l)),
    learned,
  };
}

/** Work arrays for one sentence, grown as needed. */
export class Work {
  scores = new Float64Array(0);
  emit = new Float64Array(0);
  alpha = new Float64Array(0);
  beta = new Float64Array(0);
  scale = new Float64Array(0);
  acc = new Float64Array(0);

  ensure(n: number, T: number, O: number): void {
    if (this.scores.length < n * O) this.scores = new Float64Array(n * O * 2);
    if (this.emit.length < n * T) {
      this.emit = new Float64Array(n * T * 2);
      this.alpha = new Float64Array(n * T * 2);
      this.beta = new Float64Array(n * T * 2);
    }
    if (this.scale.length < n) this.scale = new Float64Array(n * 2);
    if (this.acc.length < T) this.acc = new Float64Array(T);
  }
}

/**
 * Forward-backward with per-position scaling. `E` holds exp(score) per token and tag (any per-token factor cancels),
 * `M` exp(transition). Afterwards `alpha[i,t] * beta[i,t]` is the marginal of tag t at token i, and the expected
 * count of transition (p, t) into token i is `alpha[i-1,p] * M[p,t] * E[i,t] * beta[i,t] / scale[i]`. Paths start
 * on a start tag and end on a closed tag. Closed → start transitions without a weight have M = 1, so each start
 * tag's sum over closed predecessors is their common sum plus corrections for its few learned ones.
 */
export function forwardBackward(n: number, T: number, E: Float64Array, M: Float64Array, lk: Links, work: Work): void {
  const { alpha, beta, scale, acc } = work;
  const { closed, starts, closedList, startList, inFrom, contPreds, outTo, contNext } = lk;
  acc.fill(0, 0, T);
  alpha.fill(0, 0, n * T);
  let z = 0;
  for (const t of startList) z += alpha[t] = E[t] as number;
  scale[0] = z;
  for (const t of startList) alpha[t] = (alpha[t] as number) / z;
  for (let i = 1; i < n; i++) {
    const pb = (i - 1) * T;
    const b = i * T;
    // Learned closed → start transitions, scattered from the predecessors that carry any probability (alpha is
    // normalised per token, so what is skipped is below 1e-12 of the total).
    let closedSum = 0;
    for (const p of closedList) {
      const a = alpha[pb + p] as number;
      closedSum += a;
      if (a < NEGLIGIBLE) continue;
      const to = outTo[p] as number[];
      for (let k = 0; k < to.length; k++) {
        const t = to[k] as number;
        acc[t] = (acc[t] as number) + a * ((M[p * T + t] as number) - 1);
      }
    }
    z = 0;
    for (let t = 0; t < T; t++) {
      let s = 0;
      if (starts[t]) {
        s = closedSum + (acc[t] as number);
        acc[t] = 0;
      } else {
        const from = contPreds[t] as Int32Array;
        for (let k = 0; k < from.length; k++) {
          const p = from[k] as number;
          s += (alpha[pb + p] as number) * (M[p * T + t] as number);
        }
      }
      const a = s * (E[b + t] as number);
      alpha[b + t] = a;
      z += a;
    }
    scale[i] = z;
    for (let t = 0; t < T; t++) alpha[b + t] = (alpha[b + t] as number) / z;
  }
  beta.fill(0, 0, n * T);
  const last = (n - 1) * T;
  let end = 0;
  for (const t of closedList) end += alpha[last + t] as number;
  for (const t of closedList) beta[last + t] = 1 / end;
  for (let i = n - 2; i >= 0; i--) {
    const b = i * T;
    const nb = (i + 1) * T;
    let startSum = 0;
    for (const t of startList) startSum += (E[nb + t] as number) * (beta[nb + t] as number);
    const cutoff = startSum * NEGLIGIBLE;
    for (const t of startList) {
      const v = (E[nb + t] as number) * (beta[nb + t] as number);
      if (v < cutoff) continue;
      const from = inFrom[t] as number[];
      for (let k = 0; k < from.length; k++) {
        const p = from[k] as number;
        acc[p] = (acc[p] as number) + ((M[p * T + t] as number) - 1) * v;
      }
    }
    const c = scale[i + 1] as number;
    for (let p = 0; p < T; p++) {
      let s = 0;
      if (closed[p]) {
        s = startSum + (acc[p] as number);
        acc[p] = 0;
      } else {
        const to = contNext[p] as Int32Array;
        for (let k = 0; k < to.length; k++) {
          const t = to[k] as number;
          s += (M[p * T + t] as number) * (E[nb + t] as number) * (beta[nb + t] as number);
        }
      }
      beta[b + p] = s / c;
    }
  }
}

/**
 * Tag marginals (`n × T`) of a sentence with tag scores `scores` (`n × T`) under transitions `trans` (closed →
 * start transitions count where non-zero), by the same forward-backward training uses. For tests.
 */
export function tagMarginals(scores: Float64Array, n: number, T: number, trans: Float64Array): Float64Array {
  const lk = links([], T);
  for (const p of lk.closedList) {
    for (const t of lk.startList) {
      if (trans[p * T + t] === 0) continue;
      lk.learned[p * T + t] = 1;
      (lk.outTo[p] as number[]).push(t);
      (lk.inFrom[t] as number[]).push(p);
    }
  }
  const work = new Work();
  work.ensure(n, T, T);
  const emit = Float64Array.from(scores.subarray(0, n * T), Math.exp);
  forwardBackward(n, T, emit, trans.map(Math.exp), lk, work);
  return Float64Array.from({ length: n * T }, (_, k) => (work.alpha[k] as number) * (work.beta[k] as number));
}
