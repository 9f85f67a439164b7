/**
 * @module config/entity-annotations
 * Entity markup in training examples (`rasa-protocol.md` §7.1): `[text](entity)`, `[text](entity:value)`,
 * `[text]{"entity": "e", "role": "r", "group": "g", "value": "v"}` and the test-story list form
 * `[text][{"entity": "a"}, {"entity": "b"}]`. The markup is removed; offsets refer to the cleaned text,
 * as in Rasa's `entities_parser`.
 */
import type { EntityAnnotation } from "../model/training.js";

// Same alternatives as Rasa's ENTITY_REGEX: (entity[:value]) | {json} | [json, json].
const ANNOTATION =
  /\[(?<text>[^\]]+?)\](?:\((?<entity>[^:)]+?)(?::(?<value>[^)]+))?\)|\{(?<dict>[^}]+?)\}|\[(?<list>.*?)\])/g;

export interface AnnotatedText {
  text: string;
  entities: EntityAnnotation[];
}

/** Thrown for markup that cannot be read; the caller adds the file position. */
export class AnnotationError extends Error {
  override name = "AnnotationError";
}

export function parseAnnotatedText(raw: string): AnnotatedText {
  const entities: EntityAnnotation[] = [];
  let text = "";
  let last = 0;
  for (const m of raw.matchAll(ANNOTATION)) {
    const g = m.groups ?? {};
    const surface = g.text ?? "";
    text += raw.slice(last, m.index);
    const start = text.length;
    const end = start + surface.length;
    text += surface;
    last = m.index + m[0].length;
    for (const spec of specs(g, m[0])) {
      const annotation: EntityAnnotation = { entity: spec.entity, start, end, value: spec.value ?? surface };
      if (spec.role !== undefined) annotation.role = spec.role;
      if (spec.group !== undefined) annotation.group = spec.group;
      entities.push(annotation);
    }
  }
  text += raw.slice(last);
  return { text, entities };
}

interface Spec {
  entity: string;
  value?: string;
  role?: string;
  group?: string;
}

function specs(g: Record<string, string | undefined>, whole: string): Spec[] {
  if (g.entity !== undefined) {
    const spec: Spec = { entity: g.entity.trim() };
    if (g.value !== undefined) spec.value = g.value.trim();
    return [spec];
  }
  if (g.dict !== undefined) return [toSpec(parseJson(`{${g.dict}}`, whole), whole)];
  const list = parseJson(`[${g.list ?? ""}]`, whole);
  if (!Array.isArray(list) || list.length === 0) throw new AnnotationError(`empty entity list in '${whole}'`);
  return list.map((item) => toSpec(item, whole));
}

function parseJson(json: string, whole: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new AnnotationError(`entity annotation '${whole}' is not valid JSON`);
  }
}

function toSpec(obj: unknown, whole: string): Spec {
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    throw new AnnotationError(`entity annotation '${whole}' must be a JSON object`);
  }
  const o = obj as Record<string, unknown>;
  if (typeof o.entity !== "string" || o.entity === "") {
    throw new AnnotationError(`entity annotation '${whole}' has no "entity"`);
  }
  const spec: Spec = { entity: o.entity };
  for (const key of ["value", "role", "group"] as const) {
    const v = o[key];
    if (v !== undefined && v !== null) spec[key] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return spec;
}

/** Synonyms implied by annotations whose `value` differs from the annotated text (lower-cased surface → value). */
export function synonymsOf(example: AnnotatedText): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of example.entities) {
    const surface = example.text.slice(e.start, e.end);
    if (surface !== e.value) out[surface.toLowerCase()] = e.value;
  }
  return out;
}
