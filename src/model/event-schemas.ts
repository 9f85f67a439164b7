/**
 * @module model/event-schemas
 * Zod schemas for Rasa 3.x event JSON as it arrives from clients, tracker stores and action
 * servers (`rasa-protocol.md` §3.1-3.2). They check types only; the defaults Rasa fills in for
 * absent fields are applied by `event-codec.ts`. Unknown extra keys are dropped, as Rasa's
 * `Event.from_parameters` ignores them.
 */
import { z } from "zod";
import type { EventType } from "./events.js";

const timestamp = z.number().nullish();
const metadata = z.record(z.string(), z.unknown()).nullish();
const optString = z.string().nullish();
const optNumber = z.number().nullish();

function eventObject<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ event: z.literal(type), timestamp, metadata, ...shape });
}

const entity = z.looseObject({ entity: z.string(), value: z.unknown().optional() });

const intent = z.looseObject({ name: z.string().nullish(), confidence: z.number().nullish() });

const parseData = z.looseObject({
  intent: intent.nullish(),
  entities: z.array(entity).nullish(),
  text: optString,
  message_id: optString,
  metadata,
});

/** One schema per event type of the `Event` union; a missing type fails to compile. */
export const EVENT_SCHEMAS = {
  user: eventObject("user", {
    text: optString,
    parse_data: parseData.nullish(),
    input_channel: optString,
    message_id: optString,
  }),
  bot: eventObject("bot", { text: optString, data: z.record(z.string(), z.unknown()).nullish() }),
  action: eventObject("action", {
    name: optString,
    policy: optString,
    confidence: optNumber,
    action_text: optString,
    hide_rule_turn: z.boolean().nullish(),
  }),
  slot: eventObject("slot", { name: z.string(), value: z.unknown().optional() }),
  reset_slots: eventObject("reset_slots", {}),
  restart: eventObject("restart", {}),
  session_started: eventObject("session_started", {}),
  followup: eventObject("followup", { name: z.string() }),
  reminder: eventObject("reminder", {
    intent: z.string(),
    date_time: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date-time"),
    entities: z.unknown().optional(),
    name: optString,
    kill_on_user_msg: z.boolean().nullish(),
  }),
  cancel_reminder: eventObject("cancel_reminder", {
    name: optString,
    intent: optString,
    entities: z.unknown().optional(),
  }),
  pause: eventObject("pause", {}),
  resume: eventObject("resume", {}),
  undo: eventObject("undo", {}),
  rewind: eventObject("rewind", {}),
  active_loop: eventObject("active_loop", { name: optString }),
  loop_interrupted: eventObject("loop_interrupted", { is_interrupted: z.boolean().nullish() }),
  action_execution_rejected: eventObject("action_execution_rejected", {
    name: z.string(),
    policy: optString,
    confidence: optNumber,
  }),
  user_featurization: eventObject("user_featurization", { use_text_for_featurization: z.boolean().nullish() }),
  entities: eventObject("entities", { entities: z.array(entity) }),
  export: eventObject("export", { path: optString }),
  agent: eventObject("agent", { text: optString, data: z.unknown().optional() }),
} satisfies Record<EventType, z.ZodType>;

/** Rasa 2.x names still accepted on read (`LegacyForm`, `LegacyFormValidation`). */
export const LEGACY_EVENT_SCHEMAS = {
  form: eventObject("form", { name: optString }),
  form_validation: eventObject("form_validation", { validate: z.boolean().nullish() }),
};

const ALL_SCHEMAS = [...Object.values(EVENT_SCHEMAS), ...Object.values(LEGACY_EVENT_SCHEMAS)];

/** Every readable event, discriminated on `event`. */
export const eventSchema = z.discriminatedUnion(
  "event",
  ALL_SCHEMAS as [(typeof ALL_SCHEMAS)[number], ...(typeof ALL_SCHEMAS)[number][]],
);

type AllSchemas = typeof EVENT_SCHEMAS & typeof LEGACY_EVENT_SCHEMAS;

/** A type-checked event before Rasa's defaults are filled in. */
export type RawEvent = { [K in keyof AllSchemas]: z.infer<AllSchemas[K]> }[keyof AllSchemas];

export type ReadableEventName = keyof typeof EVENT_SCHEMAS | keyof typeof LEGACY_EVENT_SCHEMAS;

export function schemaFor(name: string): z.ZodType<RawEvent> | undefined {
  if (Object.hasOwn(EVENT_SCHEMAS, name)) return EVENT_SCHEMAS[name as EventType];
  if (Object.hasOwn(LEGACY_EVENT_SCHEMAS, name)) return LEGACY_EVENT_SCHEMAS[name as keyof typeof LEGACY_EVENT_SCHEMAS];
  return undefined;
}
