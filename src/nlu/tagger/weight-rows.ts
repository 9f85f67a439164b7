/**
 * @module nlu/tagger/weight-rows
 * The entity tagger's trained weights in the layout parsing reads: flat arrays behind a hash table.
 */

/**
 * Trained weights as parsing reads them: all rows in three flat arrays (features sorted, row `r` is
 * `outputs/weights[offsets[r]..offsets[r+1]]`) behind an open-addressing table from feature hash to row. One
 * object instead of one per feature keeps the heap small for the garbage collector, and the lookup avoids a Map
 * keyed by doubles (half of the 32-bit hashes are not small integers).
 */
export class FrozenRows {
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
