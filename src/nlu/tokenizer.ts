/**
 * @module nlu/tokenizer
 * A tokenizer in the spirit of Rasa's WhitespaceTokenizer: words are runs of letters, digits and `_#@&`; the
 * URL-ish punctuation Rasa keeps inside a word (`bye-bye`, `10,000.50`, `a@b.com`) joins two runs, any other
 * punctuation, symbols and emoji separate tokens and are dropped. Offsets index the original string.
 */

export interface Token {
  /** The token as written. */
  text: string;
  /** Lower-cased form used for features and matching. */
  lower: string;
  start: number;
  end: number;
}

const WORD = String.raw`[\p{L}\p{N}\p{M}_#@&]+`;
// Rasa keeps `._~:/?#[]()@!$&*+,;=-` between two word characters (see WhitespaceTokenizer's third regex).
const JOINER = String.raw`[._~:/?#\[\]()@!$&*+,;=\-]`;
const TOKEN_RE = new RegExp(`${WORD}(?:${JOINER}${WORD})*`, "gu");

/** Splits `text` into tokens with character offsets (UTF-16 indices, like JavaScript string indices). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    tokens.push({ text: m[0], lower: m[0].toLowerCase(), start, end: start + m[0].length });
  }
  return tokens;
}
