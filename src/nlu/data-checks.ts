/**
 * @module nlu/data-checks
 * Checks on NLU training data before training, reported through `warn` with `file:line` where the example has a
 * position: empty examples (skipped), intents with a single example, annotations outside their text (dropped), and
 * lookup tables / regexes named like no annotated entity (they then only serve as features, as in Rasa).
 */
import type { NluData, NluExample } from "../model/index.js";

const where = (ex: NluExample): string => (ex.source ? `${ex.source.file}:${ex.source.line}: ` : "");

/** The usable examples: text present and non-blank, intent present, annotations inside the text. */
export function checkedExamples(data: NluData, warn: (message: string) => void): NluExample[] {
  const out: NluExample[] = [];
  const perIntent = new Map<string, NluExample[]>();
  for (const ex of data.examples) {
    if (typeof ex.text !== "string" || typeof ex.intent !== "string" || !ex.intent) {
      warn(`${where(ex)}training example without text or intent; it is skipped.`);
      continue;
    }
    if (ex.text.trim() === "") {
      warn(`${where(ex)}empty training example for intent '${ex.intent}'; it is skipped.`);
      continue;
    }
    const entities = ex.entities.filter((a) => {
      const ok =
        Number.isInteger(a.start) &&
        Number.isInteger(a.end) &&
        a.start >= 0 &&
        a.start < a.end &&
        a.end <= ex.text.length;
      if (!ok) {
        warn(
          `${where(ex)}entity annotation '${a.entity}' (${a.start}-${a.end}) points outside the text "${ex.text}"; ` +
            "it is ignored.",
        );
      }
      return ok;
    });
    const kept = entities.length === ex.entities.length ? ex : { ...ex, entities };
    out.push(kept);
    const list = perIntent.get(ex.intent) ?? [];
    list.push(kept);
    perIntent.set(ex.intent, list);
  }
  for (const [intent, list] of [...perIntent].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (list.length === 1) {
      warn(
        `${where(list[0] as NluExample)}intent '${intent}' has only one training example; it will rarely be ` +
          "predicted. Add more examples.",
      );
    }
  }
  const annotated = new Set(out.flatMap((ex) => ex.entities.map((e) => e.entity)));
  for (const lookup of data.lookups) {
    if (!annotated.has(lookup.name)) {
      warn(
        `lookup table '${lookup.name}' names no entity annotated in the training examples; it is used as a ` +
          "feature only and extracts no entity.",
      );
    }
  }
  return out;
}
