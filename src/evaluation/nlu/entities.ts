/**
 * @module evaluation/nlu/entities
 * Entity evaluation as `rasa test nlu` does it: token level, per extractor. Every token gets the entity type of
 * the annotation (or predicted entity) covering it, `no_entity` otherwise; the report per extractor excludes
 * `no_entity` (so it carries `micro avg` instead of `accuracy`). Duckling entities are only compared with
 * annotations of their own dimensions, as Rasa does for extractors that cannot learn the training entities.
 */
import type { EntityAnnotation, ExtractedEntity } from "../../model/index.js";
import { tokenize } from "../../nlu/index.js";

export const NO_ENTITY = "no_entity";

export interface EntityCase {
  text: string;
  gold: readonly EntityAnnotation[];
  predicted: readonly ExtractedEntity[];
}

function labelsPerToken(text: string, spans: readonly { entity: string; start?: number; end?: number }[]): string[] {
  return tokenize(text).map((t) => {
    const hit = spans.find((s) => (s.start ?? -1) < t.end && t.start < (s.end ?? -1));
    return hit ? hit.entity : NO_ENTITY;
  });
}

export interface ExtractorTokens {
  gold: string[];
  predicted: string[];
  errors: { text: string; entities: EntityAnnotation[]; predicted_entities: ExtractedEntity[] }[];
}

/** Token labels per extractor that produced at least one entity (or is named in `extractors`). */
export function entityTokensByExtractor(
  cases: readonly EntityCase[],
  extractors: readonly string[],
): Map<string, ExtractorTokens> {
  const names = new Set(extractors);
  for (const c of cases) for (const e of c.predicted) if (e.extractor) names.add(e.extractor);
  const out = new Map<string, ExtractorTokens>();
  for (const name of [...names].sort()) {
    const acc: ExtractorTokens = { gold: [], predicted: [], errors: [] };
    const own = cases.map((c) => c.predicted.filter((e) => e.extractor === name));
    const ownTypes = new Set(own.flat().map((e) => e.entity));
    const duckling = name === "DucklingEntityExtractor";
    cases.forEach((c, i) => {
      const gold = duckling ? c.gold.filter((g) => ownTypes.has(g.entity)) : c.gold;
      const g = labelsPerToken(c.text, gold);
      const p = labelsPerToken(c.text, own[i] as ExtractedEntity[]);
      acc.gold.push(...g);
      acc.predicted.push(...p);
      if (g.some((label, k) => label !== p[k])) {
        acc.errors.push({ text: c.text, entities: [...gold], predicted_entities: [...(own[i] as ExtractedEntity[])] });
      }
    });
    out.set(name, acc);
  }
  return out;
}
