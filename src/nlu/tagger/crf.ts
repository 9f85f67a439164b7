/**
 * @module nlu/tagger/crf
 * Training the linear-chain tagger as a conditional random field with a softmax-margin objective (Gimpel & Smith
 * 2010): the conditional log-likelihood of the gold tags, where while training every wrong tag of a token scores
 * `margin` more than the weights give it. Forward-backward under the BILOU grammar gives the expected counts,
 * AdaGrad takes the steps and the weights are averaged over all steps (as the perceptron's are). The result is the
 * same kind of model the perceptron gives (sparse weights per feature and output, a transition matrix, Viterbi
 * decoding), saved in the same format.
 *
 * Kept sparse, as CRFsuite does:
 * - transitions from a closed tag (O, L, U) to one that starts something (O, B, U) carry a weight only once the
 *   pair is seen in the gold data or its expected count at some token reaches `newTransitionMass`; the others stay
 *   exactly 0, which keeps forward-backward linear in the tags and Viterbi's step sparse;
 * - a feature is updated for an output only where the gradient is at least `minMass` (the gold tag, and the tags
 *   with a marginal of at least `minMass`): most tags have a marginal of ~0 at most tokens; and it starts
 *   carrying a weight for an output only when a gradient reaches `newWeightMass` (the margin gives every wrong tag
 *   a large marginal early on, which would otherwise give every feature a weight for nearly every tag);
 * - forward-backward skips what carries less than 1e-6 of a token's probability;
 * - averaged weights under `prune` are dropped from the model.
 */
import { seededRandom, shuffleInPlace } from "../prng.js";
import { forwardBackward, links, Work } from "./crf-forward-backward.js";
import { averagedRows, ownOutputs, SequenceTagger, type Sequence, type TagOutputs } from "./perceptron.js";

export interface CrfTrainOptions {
  epochs: number;
  seed: number;
  outputs?: TagOutputs;
  /** AdaGrad's learning rate. */
  rate?: number;
  /** Softmax-margin: how much more every wrong tag of a token scores while training. */
  margin?: number;
  /** Gradients below this (per token and output) are not applied. */
  minMass?: number;
  /** A feature starts carrying a weight for an output when a gradient reaches this (existing ones: minMass). */
  newWeightMass?: number;
  /** A closed → start transition not in the gold data starts being learned when its expected count reaches this. */
  newTransitionMass?: number;
  /** Averaged weights at most this far from 0 are dropped. */
  prune?: number;
  onEpoch?: (done: number, total: number) => void;
}

/** AdaGrad's initial sum of squared gradients: a weight's first step is proportional to its gradient. */
const ADAGRAD_START = 1;

/** A row looks up its outputs through a dense index once it has more than this many. */
const DENSE_ROW = 8;

/** Sparse weights of one feature while training: outputs, weights, AdaGrad sums, step-weighted sums (averaging). */
interface Row {
  tags: number[];
  w: number[];
  g: number[];
  u: number[];
  slot: Int32Array | null;
}

function rowOf(rows: Map<number, Row>, f: number): Row {
  let row = rows.get(f);
  if (!row) {
    row = { tags: [], w: [], g: [], u: [], slot: null };
    rows.set(f, row);
  }
  return row;
}

/** The index of output `o` in `row`; a new one is added only when `create` (else -1). */
function indexIn(row: Row, o: number, O: number, create: boolean): number {
  let k = row.slot ? (row.slot[o] as number) : row.tags.indexOf(o);
  if (k >= 0 || !create) return k;
  k = row.tags.length;
  row.tags.push(o);
  row.w.push(0);
  row.g.push(ADAGRAD_START);
  row.u.push(0);
  if (row.slot) row.slot[o] = k;
  else if (row.tags.length > DENSE_ROW) {
    row.slot = new Int32Array(O).fill(-1);
    row.tags.forEach((tag, j) => ((row.slot as Int32Array)[tag] = j));
  }
  return k;
}

/** Trains on gold-tagged sequences; deterministic for a given seed. */
export function trainCrf(data: readonly Sequence[], tagCount: number, options: CrfTrainOptions): SequenceTagger {
  const T = tagCount;
  const outputs = options.outputs ?? ownOutputs(T);
  const O = Math.max(T, ...outputs.flat().map((o) => o + 1));
  const rate = options.rate ?? 0.25;
  const margin = options.margin ?? 6;
  const minMass = options.minMass ?? 0.001;
  const newWeightMass = options.newWeightMass ?? 0.01;
  const newTransitionMass = options.newTransitionMass ?? 0.01;
  const prune = options.prune ?? 0.1;
  const lk = links(data, T);
  const rows = new Map<number, Row>();
  const trans = new Float64Array(T * T);
  const transG = new Float64Array(T * T).fill(ADAGRAD_START);
  const transU = new Float64Array(T * T);
  const M = new Float64Array(T * T).fill(1);
  const transGrad = new Float64Array(T * T);
  const touched: number[] = [];
  const isTouched = new Uint8Array(T * T);
  const addTrans = (pt: number, g: number) => {
    transGrad[pt] = (transGrad[pt] as number) + g;
    if (!isTouched[pt]) {
      isTouched[pt] = 1;
      touched.push(pt);
    }
  };
  const outputList = outputs.map((list) => Int32Array.from(list));
  const sharedOf = outputs.map((list) => Int32Array.from(list.filter((o) => o >= T)));
  const hasShared = sharedOf.some((l) => l.length > 0);
  const work = new Work();
  const grad = new Float64Array(O);
  const gradOutputs: number[] = [];
  const gradValues = new Float64Array(O);
  const order = data.map((_, i) => i);
  const random = seededRandom(options.seed);
  let c = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const seq = data[index] as Sequence;
      const n = seq.tags.length;
      if (n === 0) continue;
      work.ensure(n, T, O);
      const { scores, emit, alpha, beta, scale } = work;
      scores.fill(0, 0, n * O);
      for (let i = 0; i < n; i++) {
        const fs = seq.features[i] as Uint32Array;
        const base = i * O;
        for (let j = 0; j < fs.length; j++) {
          const row = rows.get(fs[j] as number);
          if (!row) continue;
          for (let k = 0; k < row.tags.length; k++) {
            const at = base + (row.tags[k] as number);
            scores[at] = (scores[at] as number) + (row.w[k] as number);
          }
        }
        // exp(score + margin on wrong tags - max), per token.
        const gold = seq.tags[i] as number;
        let max = -Infinity;
        for (let t = 0; t < T; t++) {
          let s = (scores[base + t] as number) + (t === gold ? 0 : margin);
          if (hasShared) {
            const extra = sharedOf[t] as Int32Array;
            for (let k = 0; k < extra.length; k++) s += scores[base + (extra[k] as number)] as number;
          }
          emit[i * T + t] = s;
          if (s > max) max = s;
        }
        for (let t = 0; t < T; t++) emit[i * T + t] = Math.exp((emit[i * T + t] as number) - max);
      }
      forwardBackward(n, T, emit, M, lk, work);

      // Emissions: gold minus expected counts, per token and output.
      for (let i = 0; i < n; i++) {
        const b = i * T;
        const gold = seq.tags[i] as number;
        for (let t = 0; t < T; t++) {
          const m = (alpha[b + t] as number) * (beta[b + t] as number);
          if (m < minMass && t !== gold) continue;
          const g = (t === gold ? 1 : 0) - m;
          const outs = outputList[t] as Int32Array;
          for (let k = 0; k < outs.length; k++) {
            const o = outs[k] as number;
            if (grad[o] === 0) gradOutputs.push(o);
            grad[o] = (grad[o] as number) + g;
          }
        }
        let kept = 0;
        for (const o of gradOutputs) {
          const g = grad[o] as number;
          grad[o] = 0;
          if (g > -minMass && g < minMass) continue;
          gradOutputs[kept++] = o;
          gradValues[o] = g;
        }
        const fs = seq.features[i] as Uint32Array;
        for (let j = 0; j < fs.length && kept > 0; j++) {
          const row = rowOf(rows, fs[j] as number);
          for (let q = 0; q < kept; q++) {
            const o = gradOutputs[q] as number;
            const g = gradValues[o] as number;
            const k = indexIn(row, o, O, g >= newWeightMass || g <= -newWeightMass);
            if (k < 0) continue;
            const sum = (row.g[k] as number) + g * g;
            const step = (rate * g) / Math.sqrt(sum);
            row.g[k] = sum;
            row.w[k] = (row.w[k] as number) + step;
            row.u[k] = (row.u[k] as number) + c * step;
          }
        }
        gradOutputs.length = 0;
      }

      // Transitions: gold minus expected counts. A pair's expected count is at most its first tag's marginal, so
      // only predecessors with a marginal of at least minMass are looked at.
      for (let i = 1; i < n; i++) {
        const pb = (i - 1) * T;
        const b = i * T;
        const z = scale[i] as number;
        for (const p of lk.closedList) {
          if ((alpha[pb + p] as number) * (beta[pb + p] as number) < newTransitionMass) continue;
          for (const t of lk.startList) {
            const pt = p * T + t;
            if (lk.learned[pt] || (alpha[b + t] as number) * (beta[b + t] as number) < newTransitionMass) continue;
            const count = ((alpha[pb + p] as number) * (emit[b + t] as number) * (beta[b + t] as number)) / z;
            if (count < newTransitionMass) continue;
            lk.learned[pt] = 1;
            (lk.outTo[p] as number[]).push(t);
            (lk.inFrom[t] as number[]).push(p);
          }
        }
        for (let p = 0; p < T; p++) {
          const a = alpha[pb + p] as number;
          if (a * (beta[pb + p] as number) < minMass) continue;
          const to = lk.closed[p] ? (lk.outTo[p] as number[]) : (lk.contNext[p] as Int32Array);
          for (let k = 0; k < to.length; k++) {
            const t = to[k] as number;
            const pt = p * T + t;
            addTrans(pt, -(a * (M[pt] as number) * (emit[b + t] as number) * (beta[b + t] as number)) / z);
          }
        }
        addTrans((seq.tags[i - 1] as number) * T + (seq.tags[i] as number), 1);
      }
      for (const pt of touched) {
        const g = transGrad[pt] as number;
        transGrad[pt] = 0;
        isTouched[pt] = 0;
        const sum = (transG[pt] as number) + g * g;
        const step = (rate * g) / Math.sqrt(sum);
        transG[pt] = sum;
        trans[pt] = (trans[pt] as number) + step;
        transU[pt] = (transU[pt] as number) + c * step;
        M[pt] = Math.exp(trans[pt]);
      }
      touched.length = 0;
      c++;
    }
    options.onEpoch?.(epoch + 1, options.epochs);
  }
  const averaged = averagedRows(rows, c, prune);
  const avgTrans = trans.map((w, i) => (lk.learned[i] ? Math.fround(w - (transU[i] as number) / c) : 0));
  return new SequenceTagger(T, averaged, avgTrans, outputs);
}
