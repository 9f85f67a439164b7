import { describe, expect, it } from "vitest";
import { seededRandom } from "../prng.js";
import { allowedAfter, isClosed } from "./bilou.js";
import { tagMarginals } from "./crf-forward-backward.js";
import { trainCrf } from "./crf.js";
import { SequenceTagger, type Sequence } from "./perceptron.js";
import { hash } from "./token-features.js";

/** Marginals by enumerating every tag sequence the BILOU grammar allows. */
function bruteForceMarginals(scores: Float64Array, n: number, T: number, trans: Float64Array): Float64Array {
  const out = new Float64Array(n * T);
  let z = 0;
  const tags = new Array<number>(n).fill(0);
  const visit = (i: number, score: number) => {
    if (i === n) {
      if (!isClosed(tags[n - 1] as number)) return;
      const p = Math.exp(score);
      z += p;
      tags.forEach((t, k) => (out[k * T + t] = (out[k * T + t] as number) + p));
      return;
    }
    for (let t = 0; t < T; t++) {
      const prev = i === 0 ? -1 : (tags[i - 1] as number);
      if (!allowedAfter(prev, t)) continue;
      tags[i] = t;
      visit(i + 1, score + (scores[i * T + t] as number) + (prev < 0 ? 0 : (trans[prev * T + t] as number)));
    }
  };
  visit(0, 0);
  return out.map((v) => v / z);
}

describe("CRF training", () => {
  it("computes exact tag marginals under the BILOU grammar (sparse transitions included)", () => {
    const T = 1 + 4 * 2;
    const n = 4;
    const random = seededRandom(3);
    const scores = Float64Array.from({ length: n * T }, () => 3 * random() - 1.5);
    const trans = new Float64Array(T * T);
    // Some closed → start transitions carry a weight, the rest stay 0; continuing ones (B → I, I → L...) too.
    trans[0 * T + 1] = 0.7;
    trans[4 * T + 5] = -1.2;
    trans[8 * T + 0] = 2;
    trans[1 * T + 3] = 0.4;
    trans[5 * T + 6] = -0.5;
    const fast = tagMarginals(scores, n, T, trans);
    const exact = bruteForceMarginals(scores, n, T, trans);
    for (let k = 0; k < n * T; k++) expect(fast[k]).toBeCloseTo(exact[k] as number, 10);
  });

  // "set vN now" tags vN as label N (U), "go aN bN x" tags "aN bN" as label N (B, L).
  const LABELS = 20;
  const T = 1 + 4 * LABELS;
  const U = (l: number) => 1 + 4 * l + 3;
  const B = (l: number) => 1 + 4 * l;
  const L = (l: number) => 1 + 4 * l + 2;
  const features = (words: readonly string[]) =>
    words.map((w, i) => Uint32Array.from([hash("bias"), hash(`w:${w}`), hash(`w-1:${words[i - 1] ?? "<s>"}`)]));
  const data: Sequence[] = [];
  for (let l = 0; l < LABELS; l++) {
    data.push({ features: features(["set", `v${l}`, "now"]), tags: [0, U(l), 0] });
    data.push({ features: features(["go", `a${l}`, `b${l}`, "x"]), tags: [0, B(l), L(l), 0] });
  }

  it("learns a tagger that decodes with Viterbi and saves in the perceptron's format", () => {
    const tagger = trainCrf(data, T, { epochs: 8, seed: 1 });
    expect(tagger.decode(features(["set", "v7", "now"])).tags).toEqual([0, U(7), 0]);
    expect(tagger.decode(features(["go", "a3", "b3", "x"])).tags).toEqual([0, B(3), L(3), 0]);
    const loaded = SequenceTagger.fromJSON(tagger.toJSON());
    expect(loaded.decode(features(["go", "a11", "b11", "x"]))).toEqual(
      tagger.decode(features(["go", "a11", "b11", "x"])),
    );
  });

  it("is deterministic for a seed", () => {
    const a = trainCrf(data, T, { epochs: 3, seed: 5 }).toJSON();
    const b = trainCrf(data, T, { epochs: 3, seed: 5 }).toJSON();
    expect(a).toEqual(b);
  });
});
