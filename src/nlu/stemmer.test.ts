import { describe, expect, it } from "vitest";
import { stemPlural } from "./stemmer.js";

describe("stemPlural", () => {
  it("makes regular plurals singular", () => {
    expect(["accounts", "passwords", "entries", "alternatives"].map(stemPlural)).toEqual([
      "account",
      "password",
      "entry",
      "alternative",
    ]);
  });

  it("leaves words that only look plural alone", () => {
    expect(["address", "status", "analysis", "this", "was", "bus"].map(stemPlural)).toEqual([
      "address",
      "status",
      "analysis",
      "this",
      "was",
      "bus",
    ]);
  });
});
