/**
 * @module nlu/synonyms
 * Rasa's EntitySynonymMapper: an extracted value whose lower-cased text is a known synonym is replaced by the
 * canonical value, and the entity records `processors: ["EntitySynonymMapper"]`.
 */
import type { ExtractedEntity, NluExample } from "../model/index.js";

export const SYNONYM_MAPPER = "EntitySynonymMapper";

/**
 * The synonym table: `synonym:` blocks plus every annotation whose value differs from the annotated text
 * (Rasa's mapper learns those from the examples too).
 */
export function collectSynonyms(
  synonyms: Readonly<Record<string, string>>,
  examples: readonly NluExample[],
): Record<string, string> {
  const table = new Map<string, string>();
  for (const [surface, value] of Object.entries(synonyms)) table.set(surface.toLowerCase(), value);
  for (const ex of examples) {
    for (const a of ex.entities) {
      const surface = ex.text.slice(a.start, a.end);
      if (surface && surface.toLowerCase() !== a.value.toLowerCase()) table.set(surface.toLowerCase(), a.value);
    }
  }
  return Object.fromEntries([...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function applySynonyms(entities: ExtractedEntity[], table: Readonly<Record<string, string>>): ExtractedEntity[] {
  return entities.map((e) => {
    const key = String(e.value).toLowerCase();
    if (!Object.hasOwn(table, key)) return e;
    const target = table[key] as string;
    return { ...e, value: target, processors: [...(e.processors ?? []), SYNONYM_MAPPER] };
  });
}
