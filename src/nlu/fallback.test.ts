import { describe, expect, it } from "vitest";
import { applyFallback } from "./fallback.js";

const config = { threshold: 0.3, ambiguityThreshold: 0.1 };

describe("applyFallback", () => {
  it("keeps a confident, unambiguous prediction", () => {
    const ranking = [
      { name: "greet", confidence: 0.8 },
      { name: "goodbye", confidence: 0.15 },
    ];
    expect(applyFallback(ranking, config)).toEqual({ intent: ranking[0], ranking });
  });

  it("falls back below the threshold, inserting nlu_fallback at the top of the ranking", () => {
    const ranking = [
      { name: "greet", confidence: 0.25 },
      { name: "goodbye", confidence: 0.1 },
    ];
    const result = applyFallback(ranking, config);
    expect(result.intent).toEqual({ name: "nlu_fallback", confidence: 0.3 });
    expect(result.ranking).toEqual([{ name: "nlu_fallback", confidence: 0.3 }, ...ranking]);
  });

  it("falls back when the top two intents are closer than the ambiguity threshold", () => {
    const ranking = [
      { name: "greet", confidence: 0.5 },
      { name: "goodbye", confidence: 0.45 },
    ];
    expect(applyFallback(ranking, config).intent?.name).toBe("nlu_fallback");
    expect(applyFallback(ranking, { threshold: 0.3, ambiguityThreshold: 0.01 }).intent?.name).toBe("greet");
  });

  it("never treats a single-intent ranking as ambiguous, and falls back when there is no prediction", () => {
    expect(applyFallback([{ name: "greet", confidence: 1 }], config).intent?.name).toBe("greet");
    expect(applyFallback([], config)).toEqual({
      intent: { name: "nlu_fallback", confidence: 0.3 },
      ranking: [{ name: "nlu_fallback", confidence: 0.3 }],
    });
  });
});
