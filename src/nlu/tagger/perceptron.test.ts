import { describe, expect, it } from "vitest";
import { SequenceTagger, trainTagger, type Sequence } from "./perceptron.js";
import { hash } from "./token-features.js";

// A toy tagging task with many labels: "set vN now" tags vN as a one-token entity of label N, "go aN bN x" tags
// "aN bN" as a two-token one. Tags: 0 = O, then B, I, L, U of each label.
const LABELS = 50;
const T = 1 + 4 * LABELS;
const U = (label: number) => 1 + 4 * label + 3;
const B = (label: number) => 1 + 4 * label;
const L = (label: number) => 1 + 4 * label + 2;

function features(words: readonly string[]): Uint32Array[] {
  return words.map((w, i) => Uint32Array.from([hash("bias"), hash(`w:${w}`), hash(`w-1:${words[i - 1] ?? "<s>"}`)]));
}

const data: Sequence[] = [];
for (let l = 0; l < LABELS; l++) {
  data.push({ features: features(["set", `v${l}`, "now"]), tags: [0, U(l), 0] });
  data.push({ features: features(["go", `a${l}`, `b${l}`, "x"]), tags: [0, B(l), L(l), 0] });
}
const tagger = trainTagger(data, T, { epochs: 10, seed: 1 });

describe("sequence tagger decoding", () => {
  it("tags what it learned", () => {
    expect(tagger.decode(features(["set", "v7", "now"])).tags).toEqual([0, U(7), 0]);
    expect(tagger.decode(features(["go", "a3", "b3", "x"])).tags).toEqual([0, B(3), L(3), 0]);
  });

  // Latency guard that no stopwatch can make flaky: with hundreds of tags (ATIS has 317) a Viterbi step that
  // compares every tag with every possible predecessor costs ~T²/4 per token and dominated the parse time.
  it("looks at a near-constant number of predecessors per tag, not at every tag", () => {
    const words = Array.from({ length: 30 }, (_, i) => (i % 3 === 1 ? `v${i}` : i % 3 === 0 ? "set" : "now"));
    tagger.decode(features(words));
    const work = tagger.lastWork;
    expect(work.tokens).toBe(30);
    expect(work.transitionTerms / (work.tokens * T)).toBeLessThan(12);
    // And the emission scores only add the weights a feature has, never a dense row per feature.
    expect(work.emissionTerms / work.tokens).toBeLessThan(2 * T);
  });

  it("gives a sentence the same tags and confidences whatever it decoded before (work arrays are reused)", () => {
    const short = features(["set", "v12", "now"]);
    const fresh = SequenceTagger.fromJSON(tagger.toJSON()).decode(short);
    tagger.decode(features(Array.from({ length: 60 }, (_, i) => `a${i % LABELS}`)));
    expect(tagger.decode(short)).toEqual(fresh);
  });

  it("computes a confidence for entity tokens only", () => {
    const { tags, confidence } = tagger.decode(features(["set", "v9", "now"]));
    expect(tags[1]).toBe(U(9));
    expect(confidence[1]).toBeGreaterThan(0);
    expect(confidence[1]).toBeLessThanOrEqual(1);
    expect(confidence[0]).toBeNaN();
  });
});
