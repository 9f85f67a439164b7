/**
 * @module nlu/keyword-classifier
 * Rasa's KeywordIntentClassifier: every training example is a keyword for its intent; the first keyword (in training
 * order) found in the message on word boundaries decides the intent with confidence 1. Keywords listed for two
 * different intents are dropped, as in Rasa.
 */
import type { NluExample } from "../model/index.js";

export interface KeywordEntry {
  keyword: string;
  intent: string;
}

export function learnKeywords(examples: readonly NluExample[], warn: (message: string) => void): KeywordEntry[] {
  const map = new Map<string, string | null>();
  for (const ex of examples) {
    const intent = ex.intent.split("/")[0] ?? ex.intent;
    const existing = map.get(ex.text);
    if (existing === undefined) map.set(ex.text, intent);
    else if (existing !== null && existing !== intent) {
      warn(`KeywordIntentClassifier: '${ex.text}' is an example of '${existing}' and '${intent}'; it is ignored.`);
      map.set(ex.text, null);
    }
  }
  return [...map].flatMap(([keyword, intent]) => (intent ? [{ keyword, intent }] : []));
}

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, String.raw`\$&`);
}

export class KeywordClassifier {
  private readonly patterns: { regex: RegExp; intent: string }[];

  constructor(
    readonly entries: readonly KeywordEntry[],
    readonly caseSensitive: boolean,
  ) {
    const flags = caseSensitive ? "u" : "iu";
    this.patterns = entries.map((e) => ({
      regex: new RegExp(String.raw`(?<![\p{L}\p{N}_])${escape(e.keyword)}(?![\p{L}\p{N}_])`, flags),
      intent: e.intent,
    }));
  }

  /** The matched intent, or null when no keyword occurs in `text`. */
  classify(text: string): string | null {
    for (const p of this.patterns) if (p.regex.test(text)) return p.intent;
    return null;
  }
}
