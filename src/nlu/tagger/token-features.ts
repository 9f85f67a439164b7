/**
 * @module nlu/tagger/token-features
 * Per-token features for the entity tagger, in the spirit of Rasa's LexicalSyntacticFeaturizer / CRFEntityExtractor
 * feature windows: the word and its neighbours (±2), word bigrams, a bag of words further left, word shape, prefixes
 * and suffixes, sentence boundaries, regex / lookup-table hits and known annotated values over the token, and the
 * sentence's intent with the word and its neighbours. Features are 32-bit FNV-1a
 * hashes of their names (collisions are rare at this size and harmless for a linear model).
 */
import type { Token } from "../tokenizer.js";

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over `text[from, to)`, continuing from `h`. */
function fnv(h: number, text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

export function hash(text: string): number {
  return fnv(FNV_OFFSET, text) >>> 0;
}

/** `hash(prefix + a)`, without building the string. */
function hash2(prefix: string, a: string): number {
  return fnv(fnv(FNV_OFFSET, prefix), a) >>> 0;
}

/** `hash(prefix + a + "|" + b)`, without building the string. */
function hash3(prefix: string, a: string, b: string): number {
  return fnv(fnv(fnv(fnv(FNV_OFFSET, prefix), a), "|"), b) >>> 0;
}

/** `hash(prefix + text.slice(from, to))`. */
function hashSlice(prefix: string, text: string, from: number, to: number): number {
  return fnv(fnv(FNV_OFFSET, prefix), text, from, to) >>> 0;
}

function charClass(ch: string): string {
  const code = ch.charCodeAt(0);
  // ASCII fast path; the Unicode classes below give the same answers for it.
  if (code < 128) {
    if (code >= 65 && code <= 90) return "X";
    if (code >= 97 && code <= 122) return "x";
    if (code >= 48 && code <= 57) return "d";
    return ch;
  }
  return /\p{Lu}/u.test(ch) ? "X" : /\p{Ll}/u.test(ch) ? "x" : /\p{N}/u.test(ch) ? "d" : /\p{L}/u.test(ch) ? "l" : ch;
}

/** `Xxxx` → `Xx`, `2024` → `d`, `A320` → `Xd`: character classes with repeats collapsed. */
export function wordShape(text: string): string {
  let shape = "";
  for (const ch of text) {
    const c = charClass(ch);
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
  // Feature names are hashed piece by piece (the same hashes as the spelled-out names): parsing allocates almost
  // nothing here, which keeps garbage-collection pauses out of the parse latency.
  const shapes = tokens.map((t) => wordShape(t.text));
  const c = sentenceClass;
  return tokens.map((t, i) => {
    const w = t.lower;
    const n = w.length;
    const prev = word(tokens, i - 1);
    const next = word(tokens, i + 1);
    const prev2 = word(tokens, i - 2);
    const next2 = word(tokens, i + 2);
    const ids: number[] = [
      hash("bias"),
      hash2("w:", w),
      hash2("w-1:", prev),
      hash2("w+1:", next),
      hash2("w-2:", prev2),
      hash2("w+2:", next2),
      hash3("b-:", prev, w),
      hash3("b+:", w, next),
      hash3("b--:", prev2, prev),
      hash3("b++:", next, next2),
      hash2("s:", shapes[i] ?? ""),
      hash2("s-1:", i > 0 ? (shapes[i - 1] as string) : "<s>"),
      hash2("s+1:", i + 1 < tokens.length ? (shapes[i + 1] as string) : "</s>"),
      hashSlice("p2:", w, 0, Math.min(2, n)),
      hashSlice("p3:", w, 0, Math.min(3, n)),
      hashSlice("x2:", w, Math.max(0, n - 2), n),
      hashSlice("x3:", w, Math.max(0, n - 3), n),
      hashSlice("x4:", w, Math.max(0, n - 4), n),
      hash2("len:", LENGTHS[Math.min(n, 8)] as string),
    ];
    // Words further left name what the token is about: "arriving in boston on [april]" is an arrival date.
    for (let d = 3; d <= LEFT_BAG; d++) if (i - d >= 0) ids.push(hash2("lb:", word(tokens, i - d)));
    // The intent only in combination with words: alone it would act as an "expect entities here" prior, which a
    // small bot learns too eagerly (its numbers became cities).
    ids.push(hash3("cw:", c, w), hash3("cw-1:", c, prev), hash3("cw+1:", c, next));
    if (i === 0) ids.push(hash("BOS"));
    if (i === tokens.length - 1) ids.push(hash("EOS"));
    for (const hit of patternHits[i] ?? []) ids.push(hash2("r:", hit), hash3("rw:", hit, w));
    for (const hit of patternHits[i - 1] ?? []) ids.push(hash2("r-1:", hit));
    for (const hit of patternHits[i + 1] ?? []) ids.push(hash2("r+1:", hit));
    for (const hit of gazetteerHits[i] ?? []) ids.push(hash2("g:", hit));
    return Uint32Array.from(ids);
  });
}

const LENGTHS = ["0", "1", "2", "3", "4", "5", "6", "7", "8"];
