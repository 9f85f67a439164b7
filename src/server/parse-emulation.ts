/**
 * @module server/parse-emulation
 * `POST /model/parse?emulation_mode=WIT|LUIS|DIALOGFLOW` (Rasa's `rasa.nlu.emulators`): the request may use the
 * other service's shape (`text` as a list, extra keys as metadata) and the parse result is answered in that
 * service's response format: wit.ai's `/message` (2020-05-13), LUIS v3 `/predict`, Dialogflow ES `detectIntent`.
 * The fields are Rasa's, down to its quirks (LUIS entity `score` reads a `confidence` key entities do not carry).
 */
import { randomUUID } from "node:crypto";
import type { ExtractedEntity, ParseResult } from "../model/index.js";

export const EMULATION_MODES = ["wit", "luis", "dialogflow"] as const;
export type EmulationMode = (typeof EMULATION_MODES)[number];

export function emulationMode(value: string): EmulationMode | null {
  const mode = value.toLowerCase();
  return (EMULATION_MODES as readonly string[]).includes(mode) ? (mode as EmulationMode) : null;
}

/** Rasa's `normalise_request_json`: the text (the first one when a list is sent); only the text is parsed. */
export function emulatedRequestText(body: Record<string, unknown>): unknown {
  return Array.isArray(body.text) ? body.text[0] : body.text;
}

/** Rasa's entities carry a role only when they have one: a `null` role counts as none. */
const roleOf = (e: ExtractedEntity): string | null => (typeof e.role === "string" ? e.role : null);
const intentName = (p: ParseResult): string | null => ("name" in p.intent ? p.intent.name : null);

function wit(p: ParseResult) {
  const entities: Record<string, unknown[]> = {};
  for (const e of p.entities) {
    const role = roleOf(e) ?? e.entity;
    const key = `${e.entity}:${role}`;
    (entities[key] ??= []).push({
      confidence: e.confidence_entity || 1,
      name: e.entity,
      value: e.value,
      // The text as written, before a synonym replaced the value.
      body: p.text.slice(e.start ?? 0, e.end ?? 0),
      start: e.start,
      end: e.end,
      role,
      entities: [],
    });
  }
  return { text: p.text, intents: [p.intent], entities };
}

function luis(p: ParseResult) {
  const ranking = p.intent_ranking ?? [];
  const top = intentName(p);
  const intents: Record<string, { score: number }> = {};
  if (ranking.length > 0) for (const i of ranking) intents[i.name] = { score: i.confidence };
  else if ("name" in p.intent) intents[p.intent.name] = { score: p.intent.confidence };
  const entities: Record<string, unknown> = { $instance: {} };
  const instances = entities.$instance as Record<string, unknown>;
  for (const e of p.entities) {
    // LUIS v3 names entities by role where there is one (roles are unique there).
    const key = roleOf(e) ?? e.entity;
    entities[key] = [e.value];
    instances[key] = [
      {
        role: roleOf(e),
        type: e.entity,
        text: e.value,
        startIndex: e.start ?? null,
        length: e.start !== undefined && e.end !== undefined ? e.end - e.start : null,
        score: (e as { confidence?: number }).confidence ?? null,
        modelType: e.extractor ?? null,
      },
    ];
  }
  return {
    query: p.text,
    prediction: { normalizedQuery: p.text, topIntent: top, intents, entities },
  };
}

function dialogflow(p: ParseResult) {
  const parameters: Record<string, unknown[]> = {};
  for (const e of p.entities) (parameters[e.entity] ??= []).push(e.value);
  const name = intentName(p);
  return {
    responseId: randomUUID(),
    queryResult: {
      queryText: p.text,
      action: name,
      parameters,
      fulfillmentText: "",
      fulfillmentMessages: [],
      outputContexts: [],
      intent: { name, displayName: name },
      intentDetectionConfidence: "confidence" in p.intent ? p.intent.confidence : null,
    },
  };
}

export function emulatedParse(mode: EmulationMode, parse: ParseResult): unknown {
  if (mode === "wit") return wit(parse);
  if (mode === "luis") return luis(parse);
  return dialogflow(parse);
}
