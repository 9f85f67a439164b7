/**
 * @module nlu/tagger/decode
 * Decoding a sentence under the BILOU grammar: the grammar's allowed transitions, the work arrays reused from one
 * sentence to the next, and Viterbi.
 */
import { allowedAfter, isClosed, OUTSIDE } from "./bilou.js";

export interface Grammar {
  /** Predecessors of the tags that continue an entity (I, L): its own B and I. */
  preds: Int32Array[];
  /** Tags after which a new entity may start (O, L, U); startAllowed marks the tags that may follow them. */
  closed: Int32Array;
  startAllowed: Uint8Array;
  endAllowed: Uint8Array;
}

export function grammar(tagCount: number): Grammar {
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
export class Scratch {
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

/**
 * Viterbi under the BILOU grammar. Tags that may follow a closed tag (O, L, U) have every closed tag as a possible
 * predecessor, which makes the step quadratic in the number of labels. But most closed → open transitions were
 * never updated and are exactly 0, so for each open tag the best predecessor is either one of its few non-zero
 * transitions or simply the best closed predecessor whose transition is 0: found among the top few closed scores
 * (a full scan only when all of those have a non-zero transition). Exact, and near-linear in practice.
 */
export interface OpenTransitions {
  offsets: Int32Array;
  preds: Int32Array;
  weights: Float64Array;
}

export function openTransitions(
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

export function viterbi(
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
