/**
 * @module nlu/tagger/token-features
 * Per-token features for the entity tagger, in the spirit of Rasa's LexicalSyntacticFeaturizer / CRFEntityExtractor
 * feature windows: the word and its neighbours (±2), word bigrams, a bag of words further left, word shape, prefixes
 * and suffixes, sentence boundaries, regex / lookup-table hits and known annotated values over the token, and the
 * sentence's intent, alone and with the word and its neighbours. Features are 32-bit FNV-1a
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

/** `hash(prefix + a)`, without building the string; `prefix` is the FNV state after the prefix (see `start`). */
function hash2(prefix: number, a: string): number {
  return fnv(prefix, a) >>> 0;
}

/** `hash(prefix + a + "|" + b)`, without building the string. */
function hash3(prefix: number, a: string, b: string): number {
  return fnv(fnv(fnv(prefix, a), "|"), b) >>> 0;
}

/** `hash(prefix + text.slice(from, to))`. */
function hashSlice(prefix: number, text: string, from: number, to: number): number {
  return fnv(prefix, text, from, to) >>> 0;
}

/** The FNV state after a feature name's prefix, computed once rather than for every token. */
const start = (prefix: string): number => fnv(FNV_OFFSET, prefix);

const P = {
  w: start("w:"),
  wPrev: start("w-1:"),
  wNext: start("w+1:"),
  wPrev2: start("w-2:"),
  wNext2: start("w+2:"),
  bPrev: start("b-:"),
  bNext: start("b+:"),
  bPrev2: start("b--:"),
  bNext2: start("b++:"),
  s: start("s:"),
  sPrev: start("s-1:"),
  sNext: start("s+1:"),
  p2: start("p2:"),
  p3: start("p3:"),
  x2: start("x2:"),
  x3: start("x3:"),
  x4: start("x4:"),
  len: start("len:"),
  lb: start("lb:"),
  cw: start("cw:"),
  cwPrev: start("cw-1:"),
  cwNext: start("cw+1:"),
  c: start("c:"),
  r: start("r:"),
  rw: start("rw:"),
  rPrev: start("r-1:"),
  rNext: start("r+1:"),
  g: start("g:"),
};
const BIAS = hash("bias");
const BOS = hash("BOS");
const EOS = hash("EOS");

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
 * `classPrior` adds the intent on its own, as a prior on which labels its sentences carry.
 */
export function tokenFeatures(
  tokens: readonly Token[],
  patternHits: readonly string[][],
  gazetteerHits: readonly string[][],
  sentenceClass: string,
  classPrior = true,
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
      BIAS,
      hash2(P.w, w),
      hash2(P.wPrev, prev),
      hash2(P.wNext, next),
      hash2(P.wPrev2, prev2),
      hash2(P.wNext2, next2),
      hash3(P.bPrev, prev, w),
      hash3(P.bNext, w, next),
      hash3(P.bPrev2, prev2, prev),
      hash3(P.bNext2, next, next2),
      hash2(P.s, shapes[i] ?? ""),
      hash2(P.sPrev, i > 0 ? (shapes[i - 1] as string) : "<s>"),
      hash2(P.sNext, i + 1 < tokens.length ? (shapes[i + 1] as string) : "</s>"),
      hashSlice(P.p2, w, 0, Math.min(2, n)),
      hashSlice(P.p3, w, 0, Math.min(3, n)),
      hashSlice(P.x2, w, Math.max(0, n - 2), n),
      hashSlice(P.x3, w, Math.max(0, n - 3), n),
      hashSlice(P.x4, w, Math.max(0, n - 4), n),
      hash2(P.len, LENGTHS[Math.min(n, 8)] as string),
    ];
    // Words further left name what the token is about: "arriving in boston on [april]" is an arrival date.
    for (let d = 3; d <= LEFT_BAG; d++) if (i - d >= 0) ids.push(hash2(P.lb, word(tokens, i - d)));
    // The intent alone is an "expect these labels here" prior: data sets with thousands of examples gain from it
    // (SNIPS, ATIS), but a small bot learns it too eagerly (its numbers became cities), so the tagger trains it
    // only on large data (see entity-tagger.ts); a model trained without it has no weights for it.
    ids.push(hash3(P.cw, c, w), hash3(P.cwPrev, c, prev), hash3(P.cwNext, c, next));
    if (classPrior) ids.push(hash2(P.c, c));
    if (i === 0) ids.push(BOS);
    if (i === tokens.length - 1) ids.push(EOS);
    for (const hit of patternHits[i] ?? []) ids.push(hash2(P.r, hit), hash3(P.rw, hit, w));
    for (const hit of patternHits[i - 1] ?? []) ids.push(hash2(P.rPrev, hit));
    for (const hit of patternHits[i + 1] ?? []) ids.push(hash2(P.rNext, hit));
    for (const hit of gazetteerHits[i] ?? []) ids.push(hash2(P.g, hit));
    return Uint32Array.from(ids);
  });
}

const LENGTHS = ["0", "1", "2", "3", "4", "5", "6", "7", "8"];
