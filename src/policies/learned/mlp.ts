/**
 * @module policies/learned/mlp
 * A small feed-forward classifier over sparse inputs: one ReLU hidden layer, softmax output, trained with
 * Adam on mini-batches and a seeded shuffle, so training is reproducible. Plays the part of TED's
 * transformer: enough capacity for "this intent after that action" interactions, trained in seconds.
 */
import type { SparseVector } from "./featurize.js";

export interface Sample {
  x: SparseVector;
  label: number;
  weight: number;
}

export interface MlpJSON {
  inputs: number;
  hidden: number;
  outputs: number;
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number[];
}

export interface TrainOptions {
  epochs: number;
  hidden: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  /** L2 penalty on the weights touched by a batch. */
  l2: number;
}

/** mulberry32: a tiny deterministic PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(size: number) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  step(params: Float64Array, grad: Float64Array, lr: number): void {
    this.t += 1;
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - Math.pow(b1, this.t);
    const c2 = 1 - Math.pow(b2, this.t);
    for (let i = 0; i < params.length; i++) {
      const g = grad[i]!;
      if (g === 0 && this.m[i] === 0) continue;
      this.m[i] = b1 * this.m[i]! + (1 - b1) * g;
      this.v[i] = b2 * this.v[i]! + (1 - b2) * g * g;
      params[i]! -= (lr * (this.m[i]! / c1)) / (Math.sqrt(this.v[i]! / c2) + 1e-8);
      grad[i] = 0;
    }
  }
}

export class Mlp {
  constructor(
    readonly inputs: number,
    readonly hidden: number,
    readonly outputs: number,
    private readonly w1: Float64Array,
    private readonly b1: Float64Array,
    private readonly w2: Float64Array,
    private readonly b2: Float64Array,
  ) {}

  static create(inputs: number, hidden: number, outputs: number, random: () => number): Mlp {
    const init = (n: number, fanIn: number) => {
      const scale = Math.sqrt(2 / Math.max(1, fanIn));
      return Float64Array.from({ length: n }, () => (random() * 2 - 1) * scale);
    };
    return new Mlp(
      inputs,
      hidden,
      outputs,
      init(inputs * hidden, 8),
      new Float64Array(hidden),
      init(hidden * outputs, hidden),
      new Float64Array(outputs),
    );
  }

  static fromJSON(j: MlpJSON): Mlp {
    return new Mlp(
      j.inputs,
      j.hidden,
      j.outputs,
      Float64Array.from(j.w1),
      Float64Array.from(j.b1),
      Float64Array.from(j.w2),
      Float64Array.from(j.b2),
    );
  }

  private hiddenLayer(x: SparseVector, h = new Float64Array(this.hidden)): Float64Array {
    const H = this.hidden;
    const w1 = this.w1;
    h.set(this.b1);
    for (let k = 0; k < x.indices.length; k++) {
      const v = x.values[k]!;
      const row = x.indices[k]! * H;
      for (let j = 0; j < H; j++) h[j]! += w1[row + j]! * v;
    }
    for (let j = 0; j < H; j++) if (h[j]! < 0) h[j] = 0;
    return h;
  }

  private output(h: Float64Array, o = new Float64Array(this.outputs)): Float64Array {
    o.set(this.b2);
    for (let j = 0; j < this.hidden; j++) {
      const hj = h[j]!;
      if (hj === 0) continue;
      const row = j * this.outputs;
      for (let c = 0; c < this.outputs; c++) o[c]! += this.w2[row + c]! * hj;
    }
    let max = -Infinity;
    for (const v of o) max = Math.max(max, v);
    let sum = 0;
    for (let c = 0; c < o.length; c++) {
      o[c] = Math.exp(o[c]! - max);
      sum += o[c]!;
    }
    for (let c = 0; c < o.length; c++) o[c]! /= sum;
    return o;
  }

  probabilities(x: SparseVector): Float64Array {
    return this.output(this.hiddenLayer(x));
  }

  train(samples: readonly Sample[], opts: TrainOptions): void {
    const random = seededRandom(opts.seed + 1);
    const g1 = new Float64Array(this.w1.length);
    const gb1 = new Float64Array(this.b1.length);
    const g2 = new Float64Array(this.w2.length);
    const gb2 = new Float64Array(this.b2.length);
    const adam = [
      new Adam(this.w1.length),
      new Adam(this.b1.length),
      new Adam(this.w2.length),
      new Adam(this.b2.length),
    ];
    const order = samples.map((_, i) => i);
    const totalWeight = samples.reduce((s, x) => s + x.weight, 0) / Math.max(1, samples.length);
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (let start = 0; start < order.length; start += opts.batchSize) {
        const batch = order.slice(start, start + opts.batchSize);
        for (const idx of batch) this.accumulate(samples[idx]!, g1, gb1, g2, gb2, 1 / (batch.length * totalWeight));
        if (opts.l2 > 0) for (let i = 0; i < g2.length; i++) g2[i]! += opts.l2 * this.w2[i]!;
        adam[0]!.step(this.w1, g1, opts.learningRate);
        adam[1]!.step(this.b1, gb1, opts.learningRate);
        adam[2]!.step(this.w2, g2, opts.learningRate);
        adam[3]!.step(this.b2, gb2, opts.learningRate);
      }
    }
  }

  /** Cross-entropy gradient of one sample, added into the gradient buffers. */
  private readonly scratch = {
    h: new Float64Array(0),
    p: new Float64Array(0),
    dH: new Float64Array(0),
  };

  private accumulate(
    s: Sample,
    g1: Float64Array,
    gb1: Float64Array,
    g2: Float64Array,
    gb2: Float64Array,
    scale: number,
  ): void {
    const H = this.hidden;
    const C = this.outputs;
    if (this.scratch.h.length !== H) {
      this.scratch.h = new Float64Array(H);
      this.scratch.dH = new Float64Array(H);
      this.scratch.p = new Float64Array(C);
    }
    const h = this.hiddenLayer(s.x, this.scratch.h);
    const p = this.output(h, this.scratch.p);
    const dH = this.scratch.dH;
    const w = s.weight * scale;
    // p becomes dLoss/dOutput in place.
    for (let c = 0; c < C; c++) p[c] = (p[c]! - (c === s.label ? 1 : 0)) * w;
    const w2 = this.w2;
    for (let j = 0; j < H; j++) {
      const hj = h[j]!;
      if (hj === 0) {
        dH[j] = 0;
        continue;
      }
      const row = j * C;
      let acc = 0;
      for (let c = 0; c < C; c++) {
        g2[row + c]! += p[c]! * hj;
        acc += w2[row + c]! * p[c]!;
      }
      dH[j] = acc;
    }
    for (let c = 0; c < C; c++) gb2[c]! += p[c]!;
    for (let j = 0; j < H; j++) gb1[j]! += dH[j]!;
    for (let k = 0; k < s.x.indices.length; k++) {
      const v = s.x.values[k]!;
      const row = s.x.indices[k]! * H;
      for (let j = 0; j < H; j++) g1[row + j]! += dH[j]! * v;
    }
  }

  toJSON(): MlpJSON {
    const round = (a: Float64Array) => Array.from(a);
    return {
      inputs: this.inputs,
      hidden: this.hidden,
      outputs: this.outputs,
      w1: round(this.w1),
      b1: round(this.b1),
      w2: round(this.w2),
      b2: round(this.b2),
    };
  }
}
