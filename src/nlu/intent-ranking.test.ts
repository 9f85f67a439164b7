import { describe, expect, it } from "vitest";
import { rankIntents } from "./intent-ranking.js";
import { seededRandom } from "./prng.js";

/** The ranking by definition: every label, highest confidence first, ties by name, then cut to `length`. */
function sortedRanking(labels: readonly string[], probs: readonly number[], length: number) {
  const all = labels
    .map((name, i) => ({ name, confidence: Number.isFinite(probs[i]) ? probs[i]! : 0 }))
    .sort((a, b) => b.confidence - a.confidence || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return length > 0 ? all.slice(0, length) : all;
}

describe("rankIntents", () => {
  it("equals the full sort cut to the ranking length, ties and non-finite values included", () => {
    const random = seededRandom(7);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 90);
      // Names in random order, and coarse probabilities so that many tie.
      const labels = Array.from({ length: n }, (_, i) => `intent_${(i * 37) % 101}`);
      const probs = labels.map(() => {
        const r = random();
        return r < 0.03 ? Number.NaN : r < 0.05 ? Infinity : Math.round(random() * 8) / 8;
      });
      for (const length of [0, 1, 3, 10, n, n + 5]) {
        expect(rankIntents(labels, probs, length)).toEqual(sortedRanking(labels, probs, length));
      }
    }
  });

  it("reports the most confident intents first", () => {
    const ranking = rankIntents(["greet", "goodbye", "affirm", "deny"], [0.1, 0.6, 0.05, 0.25], 2);
    expect(ranking).toEqual([
      { name: "goodbye", confidence: 0.6 },
      { name: "deny", confidence: 0.25 },
    ]);
  });
});
