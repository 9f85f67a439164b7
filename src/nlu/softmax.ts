/**
 * @module nlu/softmax
 * Numerically stable softmax: never NaN, even for empty or extreme logits.
 */

/** Writes softmax(logits) into `out` (may alias `logits`) and returns it. */
export function softmaxInto(logits: ArrayLike<number>, out: Float64Array): Float64Array {
  const n = logits.length;
  if (n === 0) return out;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i] as number);
  if (!Number.isFinite(max)) max = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((logits[i] as number) - max);
    out[i] = Number.isFinite(e) ? e : 0;
    sum += out[i] as number;
  }
  if (!(sum > 0)) {
    out.fill(1 / n);
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) / sum;
  return out;
}

export function softmax(logits: ArrayLike<number>): Float64Array {
  return softmaxInto(logits, new Float64Array(logits.length));
}
