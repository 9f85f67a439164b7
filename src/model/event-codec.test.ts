import { describe, expect, it } from "vitest";
import { EVENT_TYPES, EventFormatError, parseEvent, parseEvents, serializeEvent } from "./event-codec.js";
import type { Event } from "./events.js";

const now = () => 1700000000.5;
const opts = { now, newId: () => "generated-id" };

function parse(json: unknown): Event {
  const e = parseEvent(json, opts);
  if (!e) throw new Error("expected an event");
  return e;
}

/** A full Rasa 3.x wire example of every event type, in `as_dict()` key order. */
const WIRE: Record<string, Record<string, unknown>> = {
  user: {
    event: "user",
    timestamp: 1.5,
    text: "hi",
    parse_data: {
      intent: { name: "greet", confidence: 0.9 },
      entities: [],
      text: "hi",
      message_id: "m1",
      metadata: {},
      intent_ranking: [{ name: "greet", confidence: 0.9 }],
    },
    input_channel: "rest",
    message_id: "m1",
    metadata: {},
  },
  bot: { event: "bot", timestamp: 2, metadata: { utter_action: "utter_greet" }, text: "Hey!", data: { buttons: null } },
  action: {
    event: "action",
    timestamp: 3,
    name: "utter_greet",
    policy: "RulePolicy",
    confidence: 1,
    action_text: null,
    hide_rule_turn: false,
  },
  slot: { event: "slot", timestamp: 4, name: "mood", value: ["a", 1] },
  reset_slots: { event: "reset_slots", timestamp: 5 },
  restart: { event: "restart", timestamp: 6 },
  session_started: { event: "session_started", timestamp: 7 },
  followup: { event: "followup", timestamp: 8, name: "utter_greet" },
  reminder: {
    event: "reminder",
    timestamp: 9,
    intent: "EXTERNAL_reminder",
    date_time: "2018-09-03T11:41:10.128172",
    entities: { name: "x" },
    name: "my_reminder",
    kill_on_user_msg: false,
  },
  cancel_reminder: { event: "cancel_reminder", timestamp: 10, name: "my_reminder", intent: null, entities: null },
  pause: { event: "pause", timestamp: 11 },
  resume: { event: "resume", timestamp: 12 },
  undo: { event: "undo", timestamp: 13 },
  rewind: { event: "rewind", timestamp: 14 },
  active_loop: { event: "active_loop", timestamp: 15, name: "restaurant_form" },
  loop_interrupted: { event: "loop_interrupted", timestamp: 16, is_interrupted: true },
  action_execution_rejected: {
    event: "action_execution_rejected",
    timestamp: 17,
    name: "restaurant_form",
    policy: null,
    confidence: null,
  },
  user_featurization: { event: "user_featurization", timestamp: 18, use_text_for_featurization: false },
  entities: { event: "entities", timestamp: 19, entities: [{ entity: "cuisine", value: "thai" }] },
  export: { event: "export", timestamp: 20, path: "stories.yml" },
  agent: { event: "agent", timestamp: 21, text: "hello", data: null },
};

describe("event codec round trip", () => {
  it("has a wire example for every event type", () => {
    expect(Object.keys(WIRE).sort()).toEqual([...EVENT_TYPES].sort());
  });

  for (const [type, json] of Object.entries(WIRE)) {
    it(`reads and writes '${type}' with Rasa's keys in Rasa's order`, () => {
      const out = serializeEvent(parse(json));
      expect(out).toEqual(json);
      expect(Object.keys(out)).toEqual(Object.keys(json));
    });
  }
});

describe("defaults Rasa fills in", () => {
  it("stamps a missing timestamp with the injected clock", () => {
    expect(parse({ event: "restart" }).timestamp).toBe(1700000000.5);
    expect(parse({ event: "restart", timestamp: null }).timestamp).toBe(1700000000.5);
  });

  it("builds a user event's parse data from its text", () => {
    const e = parse({ event: "user", text: "hello" });
    expect(serializeEvent(e)).toEqual({
      event: "user",
      timestamp: 1700000000.5,
      text: "hello",
      parse_data: { intent: {}, entities: [], text: "hello", message_id: null, metadata: {} },
      input_channel: null,
      message_id: null,
      metadata: {},
    });
  });

  it("lets the given parse data win over the event's text, as UserUttered does", () => {
    const e = parse({ event: "user", text: "/mood_great", parse_data: { text: "so great", intent: null } });
    expect(e.event === "user" && e.parse_data.text).toBe("so great");
    expect(e.event === "user" && e.parse_data.intent).toEqual({});
  });

  it("fills action policy, confidence, action_text and hide_rule_turn", () => {
    expect(serializeEvent(parse({ event: "action", name: "action_listen", timestamp: 1 }))).toEqual({
      event: "action",
      timestamp: 1,
      name: "action_listen",
      policy: null,
      confidence: null,
      action_text: null,
      hide_rule_turn: false,
    });
  });

  it("names an unnamed reminder and kills it on user messages by default", () => {
    const e = parse({ event: "reminder", intent: "remind", date_time: "2024-01-01T10:00:00" });
    expect(e).toMatchObject({ name: "generated-id", kill_on_user_msg: true, entities: null });
  });

  it("uses a random uuid for reminder names when no generator is injected", () => {
    const a = parseEvent({ event: "reminder", intent: "r", date_time: "2024-01-01T10:00:00" });
    const b = parseEvent({ event: "reminder", intent: "r", date_time: "2024-01-01T10:00:00" });
    expect(a && "name" in a && a.name).toMatch(/^[0-9a-f-]{36}$/);
    expect(a && "name" in a && a.name).not.toBe(b && "name" in b && b.name);
  });

  it("gives bot events empty data and metadata", () => {
    expect(serializeEvent(parse({ event: "bot", text: "hi", timestamp: 1 }))).toEqual({
      event: "bot",
      timestamp: 1,
      text: "hi",
      data: {},
      metadata: {},
    });
  });

  it("reads legacy `form` as active_loop and `form_validation` as the negated loop_interrupted", () => {
    expect(parse({ event: "form", name: "f", timestamp: 1 })).toEqual({
      event: "active_loop",
      timestamp: 1,
      name: "f",
    });
    expect(parse({ event: "form", timestamp: 1 })).toMatchObject({ event: "active_loop", name: null });
    expect(parse({ event: "form_validation", validate: true })).toMatchObject({ is_interrupted: false });
    expect(parse({ event: "form_validation", validate: false })).toMatchObject({ is_interrupted: true });
    expect(serializeEvent(parse({ event: "form_validation", validate: false })).event).toBe("loop_interrupted");
  });

  it("ignores the legacy topic event", () => {
    expect(parseEvent({ event: "topic", topic: "x" })).toBeNull();
    const list = parseEvents([{ event: "topic" }, { event: "pause", timestamp: 1 }], opts);
    expect(list).toEqual([{ event: "pause", timestamp: 1 }]);
  });

  it("accepts a single event object where a list is expected", () => {
    expect(parseEvents({ event: "resume", timestamp: 2 })).toEqual([{ event: "resume", timestamp: 2 }]);
  });

  it("drops unknown extra keys", () => {
    expect(serializeEvent(parse({ event: "pause", timestamp: 1, whatever: 3 }))).toEqual({
      event: "pause",
      timestamp: 1,
    });
  });
});

describe("metadata placement", () => {
  it("writes metadata third when non-empty and omits it when empty (except user/bot)", () => {
    const withMeta = serializeEvent(parse({ event: "slot", name: "a", value: 1, timestamp: 1, metadata: { k: 1 } }));
    expect(Object.keys(withMeta)).toEqual(["event", "timestamp", "metadata", "name", "value"]);
    const noMeta = serializeEvent(parse({ event: "slot", name: "a", value: 1, timestamp: 1, metadata: {} }));
    expect(Object.keys(noMeta)).toEqual(["event", "timestamp", "name", "value"]);
  });

  it("keeps non-empty user metadata in third position", () => {
    const out = serializeEvent(parse({ event: "user", text: "x", timestamp: 1, metadata: { a: 1 } }));
    expect(Object.keys(out)).toEqual([
      "event",
      "timestamp",
      "metadata",
      "text",
      "parse_data",
      "input_channel",
      "message_id",
    ]);
    expect(out.parse_data).toMatchObject({ metadata: { a: 1 } });
  });
});

describe("bad input", () => {
  function errorOf(fn: () => unknown): EventFormatError {
    try {
      fn();
    } catch (e) {
      if (e instanceof EventFormatError) return e;
      throw e;
    }
    throw new Error("expected an EventFormatError");
  }

  it("rejects unknown event names", () => {
    const err = errorOf(() => parseEvent({ event: "teleport" }));
    expect(err.message).toBe("event: unknown event type 'teleport'");
  });

  it("rejects a missing event name and non-objects", () => {
    expect(errorOf(() => parseEvent({ name: "x" })).message).toMatch(/^event: missing or not a string/);
    expect(errorOf(() => parseEvent("user")).message).toMatch(/expected a JSON object/);
    expect(errorOf(() => parseEvents("nope")).message).toMatch(/expected a list/);
  });

  it("names the path of a wrongly typed field, including the list index", () => {
    const err = errorOf(() => parseEvents([{ event: "pause" }, { event: "slot", name: 5 }]));
    expect(err.path).toBe("[1].name");
    expect(err.message).toMatch(/^\[1\]\.name: /);
    const deep = errorOf(() => parseEvent({ event: "user", parse_data: { entities: [{ value: 1 }] } }));
    expect(deep.path).toBe("parse_data.entities[0].entity");
  });

  it("requires what Rasa cannot default", () => {
    expect(errorOf(() => parseEvent({ event: "followup" })).path).toBe("name");
    expect(errorOf(() => parseEvent({ event: "entities" })).path).toBe("entities");
    expect(errorOf(() => parseEvent({ event: "reminder", intent: "x", date_time: "soon" })).message).toMatch(
      /^date_time: must be an ISO 8601/,
    );
    expect(errorOf(() => parseEvent({ event: "action", timestamp: "yesterday" })).path).toBe("timestamp");
  });
});
