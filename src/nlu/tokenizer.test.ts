import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenizer.js";

describe("tokenize", () => {
  it("splits on whitespace and punctuation, keeping offsets into the original text", () => {
    const text = "Hello there! Are you a bot?";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(["Hello", "there", "Are", "you", "a", "bot"]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens[0]?.lower).toBe("hello");
  });

  it("keeps word-internal hyphens, numbers and e-mail addresses together like Rasa's WhitespaceTokenizer", () => {
    expect(tokenize("bye-bye!").map((t) => t.text)).toEqual(["bye-bye"]);
    expect(tokenize("pay 10,000.50 to a@b.com now").map((t) => t.text)).toEqual([
      "pay",
      "10,000.50",
      "to",
      "a@b.com",
      "now",
    ]);
    expect(tokenize("I don't know").map((t) => t.text)).toEqual(["I", "don", "t", "know"]);
  });

  it("drops emoji and keeps non-Latin scripts with UTF-16 offsets", () => {
    const text = "😀 Привет, 你好 café";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(["Привет", "你好", "café"]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it("returns no tokens for empty or punctuation-only text", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize("   ?!  ")).toEqual([]);
  });
});
