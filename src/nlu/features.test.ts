import { describe, expect, it } from "vitest";
import { featurize, type FeaturizerConfig } from "./features.js";
import { tokenize } from "./tokenizer.js";

const WORDS_ONLY: FeaturizerConfig = { word: { min: 1, max: 2 }, charWb: null, regex: false };
const DEFAULT: FeaturizerConfig = { word: { min: 1, max: 2 }, charWb: { min: 1, max: 4 }, regex: false };

const features = (text: string, config = DEFAULT) => featurize(tokenize(text), [], config);

describe("featurize", () => {
  it("treats numbers with the same shape alike, so an unseen version number does not look new", () => {
    expect(features("upgrade from 14.04 to 15.10")).toEqual(features("upgrade from 12.04 to 16.10"));
    expect(features("upgrade from 14.04 to 15.10")).not.toEqual(features("upgrade from 14.04 to 15"));
  });

  it("ignores articles and pronouns in word n-grams but keeps prepositions", () => {
    expect(features("delete my account", WORDS_ONLY)).toEqual(features("delete the account", WORDS_ONLY));
    expect(features("train from Munich", WORDS_ONLY)).not.toEqual(features("train to Munich", WORDS_ONLY));
  });

  it("reads a plural like its singular in word n-grams", () => {
    expect(features("delete accounts", WORDS_ONLY)).toEqual(features("delete account", WORDS_ONLY));
  });

  it("still has word features when a sentence is made of function words only", () => {
    expect(features("is it", WORDS_ONLY).ids.length).toBeGreaterThan(0);
    expect(features("is it", WORDS_ONLY)).not.toEqual(features("it is", WORDS_ONLY));
  });

  it("gives a sentence the same features whatever was featurized before (its buffers are reused)", () => {
    const before = features("delete my old accounts 12.04");
    features("a much longer sentence ".repeat(200));
    expect(features("delete my old accounts 12.04")).toEqual(before);
  });

  it("sums an id shared by several groups and keeps ids sorted", () => {
    const x = featurize(tokenize("book a table at 7 pm"), ["time", "time", "num"], { ...DEFAULT, regex: true });
    expect([...x.ids].sort((a, b) => a - b)).toEqual(x.ids);
    expect(new Set(x.ids).size).toBe(x.ids.length);
    // Each group is L2-normalised on its own: three groups give a squared norm of 3.
    expect(x.values.reduce((s, v) => s + v * v, 0)).toBeCloseTo(3, 1);
  });
});
