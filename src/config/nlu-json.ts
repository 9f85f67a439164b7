/**
 * @module config/nlu-json
 * Rasa's JSON NLU format (`{"rasa_nlu_data": {common_examples, regex_features, entity_synonyms, lookup_tables}}`),
 * still read by Rasa 3. Keys Rasa does not know (e.g. the misspelt `entitites` in Rasa's own demo data) are
 * ignored with a warning, as Rasa ignores them.
 */
import type { EntityAnnotation, NluData } from "../model/training.js";
import { ConfigError } from "./errors.js";

const EXAMPLE_KEYS = ["text", "intent", "entities", "metadata"];

export function isRasaNluJson(value: unknown): value is { rasa_nlu_data: Record<string, unknown> } {
  return typeof value === "object" && value !== null && "rasa_nlu_data" in value;
}

/** Appends the content of a parsed `rasa_nlu_data` document to `into`. */
export function readNluJson(file: string, doc: { rasa_nlu_data: unknown }, into: NluData, warnings: string[]): void {
  const data = doc.rasa_nlu_data;
  if (typeof data !== "object" || data === null) throw new ConfigError(file, 0, 0, "rasa_nlu_data must be an object");
  const d = data as Record<string, unknown>;
  const examples = [...arr(d.common_examples), ...arr(d.intent_examples), ...arr(d.entity_examples)];
  examples.forEach((raw, i) => {
    const key = `rasa_nlu_data.common_examples.${i}`;
    if (typeof raw !== "object" || raw === null) throw new ConfigError(file, 0, 0, "example must be an object", key);
    const ex = raw as Record<string, unknown>;
    if (typeof ex.text !== "string") throw new ConfigError(file, 0, 0, "example has no string 'text'", key);
    for (const k of Object.keys(ex)) {
      if (!EXAMPLE_KEYS.includes(k))
        warnings.push(`${file}: unknown key '${k}' in example '${ex.text}' is ignored (key: ${key})`);
    }
    const entities: EntityAnnotation[] = arr(ex.entities).map((e, j) =>
      entity(file, ex.text as string, e, `${key}.entities.${j}`),
    );
    for (const e of entities) {
      const surface = ex.text.slice(e.start, e.end);
      if (surface !== e.value) into.synonyms[surface.toLowerCase()] = e.value;
    }
    const example = {
      text: ex.text,
      intent: typeof ex.intent === "string" ? ex.intent : "",
      entities,
      source: { file, line: 0 },
    };
    if (typeof ex.metadata === "object" && ex.metadata !== null) {
      into.examples.push({ ...example, metadata: ex.metadata as Record<string, unknown> });
    } else into.examples.push(example);
  });
  for (const r of arr(d.regex_features)) {
    const o = r as Record<string, unknown>;
    if (typeof o.name === "string" && typeof o.pattern === "string")
      into.regexes.push({ name: o.name, pattern: o.pattern });
  }
  for (const s of arr(d.entity_synonyms)) {
    const o = s as Record<string, unknown>;
    if (typeof o.value !== "string") continue;
    for (const syn of arr(o.synonyms)) into.synonyms[String(syn).toLowerCase()] = o.value;
  }
  for (const l of arr(d.lookup_tables)) {
    const o = l as Record<string, unknown>;
    if (typeof o.name === "string") into.lookups.push({ name: o.name, elements: arr(o.elements).map(String) });
  }
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : [];
}

function entity(file: string, text: string, raw: unknown, key: string): EntityAnnotation {
  const e = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof e.entity !== "string" || typeof e.start !== "number" || typeof e.end !== "number") {
    throw new ConfigError(file, 0, 0, "entity needs 'entity', 'start' and 'end'", key);
  }
  if (e.start < 0 || e.end > text.length || e.start >= e.end) {
    throw new ConfigError(file, 0, 0, `entity offsets ${e.start}..${e.end} do not fit the text '${text}'`, key);
  }
  const out: EntityAnnotation = {
    entity: e.entity,
    start: e.start,
    end: e.end,
    value:
      e.value === undefined || e.value === null
        ? text.slice(e.start, e.end)
        : typeof e.value === "string"
          ? e.value
          : JSON.stringify(e.value),
  };
  if (typeof e.role === "string") out.role = e.role;
  if (typeof e.group === "string") out.group = e.group;
  return out;
}
