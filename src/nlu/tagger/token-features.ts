/**
 * @module nlu/tagger/token-features
 * Per-token features for the entity tagger, in the spirit of Rasa's LexicalSyntacticFeaturizer / CRFEntityExtractor
 * feature windows: the word and its neighbours (±2), word bigrams, a bag of words further left, word shape, prefixes
 * and suffixes, sentence boundaries, regex / lookup-table hits and known annotated values over the token, and the
 * sentence's intent with the word and its neighbours. Features are 32-bit FNV-1a
 * hashes of their names (collisions are rare at this size and harmless for a linear model).
 */
import type { Token } from "../tokenizer.js";

export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** `Xxxx` → `Xx`, `2024` → `d`, `A320` → `Xd`: character classes with repeats collapsed. */
export function wordShape(text: string): string {
  let shape = "";
  for (const ch of text) {
    const c = /\p{Lu}/u.test(ch)
      ? "X"
      : /\p{Ll}/u.test(ch)
        ? "x"
        : /\p{N}/u.test(ch)
          ? "d"
          : /\p{L}/u.test(ch)
            ? "l"
            : ch;
    if (!shape.endsWith(c)) shape += c;
  }
  return shape.slice(0, 6);
}

/** Which pattern names match over each token (a pattern hit covers every token it overlaps). */
export function patternHitsPerToken(
  tokens: readonly Token[],
  matches: readonly { name: string; start: number; end: number }[],
): string[][] {
  const hits: string[][] = tokens.map(() => []);
  for (const m of matches) {
    tokens.forEach((t, i) => {
      if (t.start < m.end && m.start < t.end) {
        const prefix = t.start <= m.start ? "B" : "I";
        (hits[i] as string[]).push(`${prefix}:${m.name}`);
      }
    });
  }
  return hits;
}

/** How far left (in tokens) the bag of context words reaches. */
const LEFT_BAG = 6;

const word = (tokens: readonly Token[], i: number): string =>
  i < 0 ? "<s>" : i >= tokens.length ? "</s>" : (tokens[i] as Token).lower;

/**
 * Feature hashes for every token of a sentence (Uint32Array per token, no duplicates needed). `gazetteerHits`
 * name the known values covering each token; `sentenceClass` is the sentence's (predicted) intent, which decides
 * between labels the words alone cannot ("find X" is a movie at the cinema, a book in the library).
 */
export function tokenFeatures(
  tokens: readonly Token[],
  patternHits: readonly string[][],
  gazetteerHits: readonly string[][],
  sentenceClass: string,
): Uint32Array[] {
  const shapes = tokens.map((t) => wordShape(t.text));
  return tokens.map((t, i) => {
    const w = t.lower;
    const names = [
      "bias",
      `w:${w}`,
      `w-1:${word(tokens, i - 1)}`,
      `w+1:${word(tokens, i + 1)}`,
      `w-2:${word(tokens, i - 2)}`,
      `w+2:${word(tokens, i + 2)}`,
      `b-:${word(tokens, i - 1)}|${w}`,
      `b+:${w}|${word(tokens, i + 1)}`,
      `b--:${word(tokens, i - 2)}|${word(tokens, i - 1)}`,
      `b++:${word(tokens, i + 1)}|${word(tokens, i + 2)}`,
      `s:${shapes[i] ?? ""}`,
      `s-1:${i > 0 ? shapes[i - 1] : "<s>"}`,
      `s+1:${i + 1 < tokens.length ? shapes[i + 1] : "</s>"}`,
      `p2:${w.slice(0, 2)}`,
      `p3:${w.slice(0, 3)}`,
      `x2:${w.slice(-2)}`,
      `x3:${w.slice(-3)}`,
      `x4:${w.slice(-4)}`,
      `len:${Math.min(w.length, 8)}`,
    ];
    // Words further left name what the token is about: "arriving in boston on [april]" is an arrival date.
    for (let d = 3; d <= LEFT_BAG; d++) if (i - d >= 0) names.push(`lb:${word(tokens, i - d)}`);
    // The intent only in combination with words: alone it would act as an "expect entities here" prior, which a
    // small bot learns too eagerly (its numbers became cities).
    const c = sentenceClass;
    names.push(`cw:${c}|${w}`, `cw-1:${c}|${word(tokens, i - 1)}`, `cw+1:${c}|${word(tokens, i + 1)}`);
    if (i === 0) names.push("BOS");
    if (i === tokens.length - 1) names.push("EOS");
    for (const hit of patternHits[i] ?? []) names.push(`r:${hit}`, `rw:${hit}|${w}`);
    for (const hit of patternHits[i - 1] ?? []) names.push(`r-1:${hit}`);
    for (const hit of patternHits[i + 1] ?? []) names.push(`r+1:${hit}`);
    for (const hit of gazetteerHits[i] ?? []) names.push(`g:${hit}`);
    return Uint32Array.from(names, hash);
  });
}
