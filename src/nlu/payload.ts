/**
 * @module nlu/payload
 * `/intent@0.9{"entity": "value"}` messages (Rasa's RegexMessageHandler, `rasa-protocol.md` §8.4): they bypass NLU
 * and carry their own intent, confidence and entities.
 */
import type { ExtractedEntity, ParseResult } from "../model/index.js";

const PAYLOAD_RE = /^\/(?<intent>[^{@]+)(?<confidence>@[0-9.]+)?(?<entities>\{.+\})?(?<rest>.*)/;

export const PAYLOAD_EXTRACTOR = "RegexMessageHandler";

function parseConfidence(raw: string | undefined, warn: (m: string) => void, text: string): number {
  if (raw === undefined) return 1;
  const digits = raw.slice(1);
  // Python's float() accepts "1.", ".5" but not "1.2.3" or "."; Number() agrees on those.
  const value = /^(\d+\.?\d*|\.\d+)$/.test(digits) ? Number(digits) : NaN;
  if (Number.isNaN(value)) {
    warn(`Could not read the confidence '${digits}' in '${text}'; using 0.0.`);
    return 0;
  }
  if (value > 1) {
    warn(`The confidence ${digits} in '${text}' is above 1.0; using 1.0.`);
    return 1;
  }
  return value;
}

function parseEntities(
  raw: string | undefined,
  knownEntities: ReadonlySet<string>,
  span: { start: number; end: number },
  warn: (m: string) => void,
  text: string,
): ExtractedEntity[] {
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    warn(`Could not read the entities of '${text}' as a JSON object (${String(error)}); continuing without entities.`);
    return [];
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    warn(`The entities of '${text}' are not a JSON object; continuing without entities.`);
    return [];
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  const unknown = entries.filter(([type]) => !knownEntities.has(type)).map(([type]) => type);
  if (unknown.length > 0) warn(`Unknown entity types ${unknown.join(", ")} in '${text}' are ignored.`);
  const entities: ExtractedEntity[] = [];
  for (const [type, values] of entries) {
    if (!knownEntities.has(type)) continue;
    for (const value of Array.isArray(values) ? values : [values]) {
      entities.push({ entity: type, value, start: span.start, end: span.end, extractor: PAYLOAD_EXTRACTOR });
    }
  }
  return entities;
}

/**
 * Parses a `/intent...` payload. Returns null when `text` is not a payload for a known intent, so the caller runs
 * normal NLU on it. As in Rasa 3 the text is stripped first, and entity `start`/`end` span the whole payload
 * (RegexMessageHandler uses the span of the entire match, not of the `{...}` part).
 *
 * @example parsePayload('/inform{"cuisine":"thai"}', ["inform"], ["cuisine"])
 */
export function parsePayload(
  text: string,
  knownIntents: readonly string[],
  knownEntities: readonly string[],
  warn: (message: string) => void = () => {},
): ParseResult | null {
  const stripped = text.trim();
  if (!stripped.startsWith("/")) return null;
  const match = PAYLOAD_RE.exec(stripped);
  const groups = match?.groups;
  if (!match || !groups) return null;
  const intent = (groups.intent ?? "").trim();
  if (!knownIntents.includes(intent)) return null;
  const confidence = parseConfidence(groups.confidence, warn, stripped);
  const span = { start: match.index, end: match.index + match[0].length };
  const entities = parseEntities(groups.entities, new Set(knownEntities), span, warn, stripped);
  if (groups.rest) warn(`Ignoring '${groups.rest}' after the payload in '${stripped}'.`);
  return {
    text: stripped,
    intent: { name: intent, confidence },
    entities,
    intent_ranking: [{ name: intent, confidence }],
  };
}
