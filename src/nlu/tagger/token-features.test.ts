/**
 * The tagger's features are hashed piece by piece for speed; they must be exactly the hashes of the spelled-out
 * feature names, or every saved model would read the wrong weights.
 */
import { describe, expect, it } from "vitest";
import { tokenize, type Token } from "../tokenizer.js";
import { hash, tokenFeatures, wordShape } from "./token-features.js";

/** The feature names as the tagger documents them, spelled out. */
function namedFeatures(tokens: readonly Token[], patterns: string[][], gazetteer: string[][], c: string): string[][] {
  const word = (i: number) => (i < 0 ? "<s>" : i >= tokens.length ? "</s>" : tokens[i]!.lower);
  const shapes = tokens.map((t) => wordShape(t.text));
  return tokens.map((t, i) => {
    const w = t.lower;
    const names = [
      "bias",
      `w:${w}`,
      `w-1:${word(i - 1)}`,
      `w+1:${word(i + 1)}`,
      `w-2:${word(i - 2)}`,
      `w+2:${word(i + 2)}`,
      `b-:${word(i - 1)}|${w}`,
      `b+:${w}|${word(i + 1)}`,
      `b--:${word(i - 2)}|${word(i - 1)}`,
      `b++:${word(i + 1)}|${word(i + 2)}`,
      `s:${shapes[i]}`,
      `s-1:${i > 0 ? shapes[i - 1] : "<s>"}`,
      `s+1:${i + 1 < tokens.length ? shapes[i + 1] : "</s>"}`,
      `p2:${w.slice(0, 2)}`,
      `p3:${w.slice(0, 3)}`,
      `x2:${w.slice(-2)}`,
      `x3:${w.slice(-3)}`,
      `x4:${w.slice(-4)}`,
      `len:${Math.min(w.length, 8)}`,
    ];
    for (let d = 3; d <= 6; d++) if (i - d >= 0) names.push(`lb:${word(i - d)}`);
    names.push(`cw:${c}|${w}`, `cw-1:${c}|${word(i - 1)}`, `cw+1:${c}|${word(i + 1)}`, `c:${c}`);
    if (i === 0) names.push("BOS");
    if (i === tokens.length - 1) names.push("EOS");
    for (const hit of patterns[i] ?? []) names.push(`r:${hit}`, `rw:${hit}|${w}`);
    for (const hit of patterns[i - 1] ?? []) names.push(`r-1:${hit}`);
    for (const hit of patterns[i + 1] ?? []) names.push(`r+1:${hit}`);
    for (const hit of gazetteer[i] ?? []) names.push(`g:${hit}`);
    return names;
  });
}

describe("tagger token features", () => {
  const sentences = [
    "I want a flight from Boston to San Francisco arriving on April 1st at 8 pm please",
    "a",
    "Öl für 2 Personen in München, 12.04.",
    "play the song A320 by ÉDITH — now!!",
  ];
  for (const text of sentences) {
    it(`are the hashes of the spelled-out feature names: "${text}"`, () => {
      const tokens = tokenize(text);
      const patterns = tokens.map((_, i) => (i % 3 === 0 ? ["B:city"] : i % 3 === 1 ? ["I:city", "B:num"] : []));
      const gazetteer = tokens.map((_, i) => (i % 2 === 0 ? ["U:toloc.city_name"] : []));
      const got = tokenFeatures(tokens, patterns, gazetteer, "atis_flight");
      const want = namedFeatures(tokens, patterns, gazetteer, "atis_flight");
      expect(got.map((ids) => [...ids])).toEqual(want.map((names) => names.map(hash)));
    });
  }

  it("shapes words by character class", () => {
    expect(["Boston", "2024", "A320", "München", "ÉDITH", "12.04.", "—"].map(wordShape)).toEqual([
      "Xx",
      "d",
      "Xd",
      "Xx",
      "X",
      "d.d.",
      "—",
    ]);
  });
});
