/**
 * @module nlu/stemmer
 * A plural stemmer for English in the spirit of Harman's "S" stemmer (1991): "accounts" → "account",
 * "passwords" → "password", "entries" → "entry". It only touches the plural `s`, so it never merges words of
 * different meaning the way a full Porter stemmer does ("general" and "generation" both → "gener"); a Porter
 * stemmer scored one test sentence better on the Braun corpora but four worse on SNIPS.
 */

/** The singular form of a lower-case English word; words of three letters or fewer stay ("has", "was", "bus"). */
export function stemPlural(word: string): string {
  if (word.length <= 3 || !word.endsWith("s")) return word;
  if (word.endsWith("ies") && !word.endsWith("eies") && !word.endsWith("aies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
  return word.slice(0, -1);
}
