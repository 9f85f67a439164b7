/**
 * @module model/event-codec
 * Reads and writes Rasa 3.x event JSON (`rasa-protocol.md` §3.1-3.2). Reading fills the defaults
 * Rasa's `Event.from_parameters` fills; writing produces the key set and order of `as_dict()`.
 */
import type { Event, EventType, UserUttered } from "./events.js";
import type { ExtractedEntity, ParseResult } from "./messages.js";
import { EVENT_SCHEMAS, schemaFor, type RawEvent } from "./event-schemas.js";

/** Bad event JSON: the message names the path and the problem (the HTTP layer answers 400). */
export class EventFormatError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "EventFormatError";
  }
}

export interface ParseEventOptions {
  /** Epoch seconds used when `timestamp` is absent (Rasa: `time.time()`). */
  now?: () => number;
  /** Name for a reminder without one (Rasa: a uuid1 string). */
  newId?: () => string;
}

const defaultNow = (): number => Date.now() / 1000;
const defaultNewId = (): string => globalThis.crypto.randomUUID();

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out || "(root)";
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseAt(json: unknown, prefix: string, opts: ParseEventOptions): Event | null {
  if (!isPlainObject(json)) throw new EventFormatError(`${prefix || "event"}: expected a JSON object`, prefix);
  const name = json.event;
  const at = (key: string): string => formatPath(prefix, [key]);
  if (typeof name !== "string") throw new EventFormatError(`${at("event")}: missing or not a string`, at("event"));
  // Rasa dropped the `topic` event in 1.x but still silently skips it when reading.
  if (name === "topic") return null;
  const schema = schemaFor(name);
  if (!schema) throw new EventFormatError(`${at("event")}: unknown event type '${name}'`, at("event"));
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = formatPath(prefix, issue?.path ?? []);
    throw new EventFormatError(`${path}: ${issue?.message ?? "invalid value"}`, path);
  }
  return fromRaw(result.data, opts);
}

/** Parses one event. Returns `null` for the legacy `topic` event, which Rasa ignores. */
export function parseEvent(json: unknown, opts: ParseEventOptions = {}): Event | null {
  return parseAt(json, "", opts);
}

/** Parses a list of events (or a single event object, as Rasa's `/tracker/events` accepts), skipping `topic`. */
export function parseEvents(json: unknown, opts: ParseEventOptions = {}): Event[] {
  if (isPlainObject(json)) {
    const e = parseAt(json, "", opts);
    return e ? [e] : [];
  }
  if (!Array.isArray(json)) throw new EventFormatError("events: expected a list of event objects", "");
  const out: Event[] = [];
  json.forEach((item, i) => {
    const e = parseAt(item, `[${i}]`, opts);
    if (e) out.push(e);
  });
  return out;
}

/** Rasa's `UserUttered.__init__`: defaults from the event, then the given parse data wins. */
function userParseData(raw: Extract<RawEvent, { event: "user" }>, metadata: Record<string, unknown>): ParseResult {
  const given = raw.parse_data ?? {};
  const base = {
    intent: given.intent ?? {},
    entities: (given.entities ?? []) as ExtractedEntity[],
    text: raw.text ?? "",
    message_id: raw.message_id ?? null,
    metadata,
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(given)) {
    // Rasa would copy a null intent/entities/text over its defaults; consumers need the defaults.
    if ((k === "intent" || k === "entities" || k === "text") && v == null) continue;
    merged[k] = v;
  }
  return merged as unknown as ParseResult;
}

function fromRaw(raw: RawEvent, opts: ParseEventOptions): Event {
  const timestamp = raw.timestamp ?? (opts.now ?? defaultNow)();
  const metadata = raw.metadata ?? {};
  const base = Object.keys(metadata).length > 0 ? { timestamp, metadata } : { timestamp };
  switch (raw.event) {
    case "user": {
      const e: UserUttered = {
        event: "user",
        timestamp,
        metadata,
        text: raw.text ?? null,
        parse_data: userParseData(raw, metadata),
        input_channel: raw.input_channel ?? null,
        message_id: raw.message_id ?? null,
      };
      return e;
    }
    case "bot":
      return { event: "bot", timestamp, metadata, text: raw.text ?? null, data: raw.data ?? {} };
    case "action":
      return {
        event: "action",
        ...base,
        name: raw.name ?? null,
        policy: raw.policy ?? null,
        confidence: raw.confidence ?? null,
        action_text: raw.action_text ?? null,
        hide_rule_turn: raw.hide_rule_turn ?? false,
      };
    case "slot":
      return { event: "slot", ...base, name: raw.name, value: raw.value ?? null };
    case "followup":
      return { event: "followup", ...base, name: raw.name };
    case "reminder":
      return {
        event: "reminder",
        ...base,
        intent: raw.intent,
        date_time: raw.date_time,
        entities: raw.entities ?? null,
        name: raw.name ?? (opts.newId ?? defaultNewId)(),
        kill_on_user_msg: raw.kill_on_user_msg ?? true,
      };
    case "cancel_reminder":
      return {
        event: "cancel_reminder",
        ...base,
        name: raw.name ?? null,
        intent: raw.intent ?? null,
        entities: raw.entities ?? null,
      };
    case "active_loop":
    case "form":
      return { event: "active_loop", ...base, name: raw.name ?? null };
    case "loop_interrupted":
      return { event: "loop_interrupted", ...base, is_interrupted: raw.is_interrupted ?? false };
    case "form_validation":
      // Rasa's LegacyFormValidation: `validate: true` means not interrupted; absent counts as not validated.
      return { event: "loop_interrupted", ...base, is_interrupted: !raw.validate };
    case "action_execution_rejected":
      return {
        event: "action_execution_rejected",
        ...base,
        name: raw.name,
        policy: raw.policy ?? null,
        confidence: raw.confidence ?? null,
      };
    case "user_featurization":
      return {
        event: "user_featurization",
        ...base,
        use_text_for_featurization: raw.use_text_for_featurization ?? false,
      };
    case "entities":
      return { event: "entities", ...base, entities: raw.entities as ExtractedEntity[] };
    case "export":
      return { event: "export", ...base, path: raw.path ?? null };
    case "agent":
      return { event: "agent", ...base, text: raw.text ?? null, data: raw.data ?? null };
    case "reset_slots":
    case "restart":
    case "session_started":
    case "pause":
    case "resume":
    case "undo":
    case "rewind":
      return { event: raw.event, ...base };
    default: {
      const unknown: never = raw;
      return unknown;
    }
  }
}

/** The type-specific fields of `as_dict()`, in Rasa's order. */
function fieldsOf(e: Event): Record<string, unknown> {
  switch (e.event) {
    case "user":
      return {
        text: e.text,
        parse_data: e.parse_data,
        input_channel: e.input_channel,
        message_id: e.message_id,
        metadata: e.metadata ?? {},
      };
    case "bot":
      return { text: e.text, data: e.data, metadata: e.metadata ?? {} };
    case "action":
      return {
        name: e.name,
        policy: e.policy,
        confidence: e.confidence,
        action_text: e.action_text ?? null,
        hide_rule_turn: e.hide_rule_turn ?? false,
      };
    case "slot":
      return { name: e.name, value: e.value };
    case "followup":
      return { name: e.name };
    case "reminder":
      return {
        intent: e.intent,
        date_time: e.date_time,
        entities: e.entities,
        name: e.name,
        kill_on_user_msg: e.kill_on_user_msg,
      };
    case "cancel_reminder":
      return { name: e.name ?? null, intent: e.intent ?? null, entities: e.entities ?? null };
    case "active_loop":
      return { name: e.name };
    case "loop_interrupted":
      return { is_interrupted: e.is_interrupted };
    case "action_execution_rejected":
      return { name: e.name, policy: e.policy, confidence: e.confidence };
    case "user_featurization":
      return { use_text_for_featurization: e.use_text_for_featurization };
    case "entities":
      return { entities: e.entities };
    case "export":
      return { path: e.path };
    case "agent":
      return { text: e.text, data: e.data };
    case "reset_slots":
    case "restart":
    case "session_started":
    case "pause":
    case "resume":
    case "undo":
    case "rewind":
      return {};
    default: {
      const unknown: never = e;
      return unknown;
    }
  }
}

/** Rasa's `Event.as_dict()`: `event`, `timestamp`, `metadata` when non-empty, then the type's fields. */
export function serializeEvent(e: Event): Record<string, unknown> {
  const out: Record<string, unknown> = { event: e.event, timestamp: e.timestamp };
  if (e.metadata && Object.keys(e.metadata).length > 0) out.metadata = e.metadata;
  return Object.assign(out, fieldsOf(e));
}

export function serializeEvents(events: readonly Event[]): Record<string, unknown>[] {
  return events.map(serializeEvent);
}

/** Every event type this codec writes (the `Event` union's names). */
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];
