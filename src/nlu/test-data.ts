/**
 * @module nlu/test-data
 * Test-only helper: reads the simple `- example` lists of a Rasa `nlu.yml` into NluData so the NLU tests do not
 * depend on the real YAML reader (which lives in src/config). Handles `[text](entity)`, `[text](entity:value)` and
 * `[text]{"entity": ..., "role": ..., "group": ..., "value": ...}` annotations.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { EntityAnnotation, NluData, NluExample } from "../model/index.js";

export const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/rasa");

const ANNOTATION = /\[([^\]]+)\](?:\(([^)]+)\)|(\{[^}]*\}))/g;

export function parseExample(raw: string, intent: string): NluExample {
  let text = "";
  let last = 0;
  const entities: EntityAnnotation[] = [];
  for (const m of raw.matchAll(ANNOTATION)) {
    text += raw.slice(last, m.index);
    const surface = m[1] ?? "";
    const start = text.length;
    text += surface;
    last = m.index + m[0].length;
    if (m[2]) {
      const [entity = "", value] = m[2].split(":");
      entities.push({ entity, start, end: text.length, value: value ?? surface });
    } else {
      const spec = JSON.parse(m[3] ?? "{}") as { entity: string; value?: string; role?: string; group?: string };
      const annotation: EntityAnnotation = {
        entity: spec.entity,
        start,
        end: text.length,
        value: spec.value ?? surface,
      };
      if (spec.role) annotation.role = spec.role;
      if (spec.group) annotation.group = spec.group;
      entities.push(annotation);
    }
  }
  text += raw.slice(last);
  return { text, intent, entities };
}

function lines(block: unknown): string[] {
  return typeof block === "string"
    ? block
        .split("\n")
        .map((l) => l.replace(/^\s*-\s*/, "").trim())
        .filter((l) => l.length > 0)
    : [];
}

export function nluDataFromYaml(source: string): NluData {
  const doc = parse(source) as { nlu?: Record<string, unknown>[] };
  const data: NluData = { examples: [], synonyms: {}, regexes: [], lookups: [] };
  for (const item of doc.nlu ?? []) {
    const items = lines(item.examples);
    if (typeof item.intent === "string")
      data.examples.push(...items.map((l) => parseExample(l, item.intent as string)));
    if (typeof item.synonym === "string") for (const l of items) data.synonyms[l.toLowerCase()] = item.synonym;
    if (typeof item.regex === "string")
      data.regexes.push(...items.map((pattern) => ({ name: item.regex as string, pattern })));
    if (typeof item.lookup === "string") data.lookups.push({ name: item.lookup, elements: items });
  }
  return data;
}

export function fixtureNluData(bot: string): NluData {
  return nluDataFromYaml(readFileSync(path.join(FIXTURES, bot, "data", "nlu.yml"), "utf8"));
}
