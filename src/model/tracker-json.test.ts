import { describe, expect, it } from "vitest";
import { parseEvents } from "./event-codec.js";
import { InvalidVerbosityError, parseVerbosity, trackerToJson, type TrackerJson } from "./tracker-json.js";
import { appendEvents, createTracker } from "./tracker.js";

let clock = 0;
/** Events from compact wire JSON; timestamps count up so the order is visible. */
function ev(...json: Record<string, unknown>[]) {
  return parseEvents(
    json.map((j) => ({ timestamp: ++clock, ...j })),
    { newId: () => "r1" },
  );
}
const listen = { event: "action", name: "action_listen" };
const user = (text: string, intent = text, extra: Record<string, unknown> = {}) => ({
  event: "user",
  text,
  parse_data: { intent: { name: intent, confidence: 1 }, entities: [], ...extra },
});
const act = (name: string) => ({ event: "action", name });
const slot = (name: string, value: unknown) => ({ event: "slot", name, value });

function json(events: Record<string, unknown>[], verbosity: Parameters<typeof trackerToJson>[1] = "ALL"): TrackerJson {
  return trackerToJson(createTracker("u1", { city: null, count: 0 }, ev(...events)), verbosity);
}
const names = (j: TrackerJson) => (j.events ?? []).map((e) => (e.event === "action" ? `${e.name as string}` : e.event));

describe("parseVerbosity", () => {
  it("is case-insensitive", () => {
    expect(parseVerbosity("after_restart")).toBe("AFTER_RESTART");
    expect(parseVerbosity("All")).toBe("ALL");
    expect(parseVerbosity("none")).toBe("NONE");
  });
  it("rejects other values with the allowed list", () => {
    expect(() => parseVerbosity("everything")).toThrow(InvalidVerbosityError);
    expect(() => parseVerbosity("")).toThrow(/ALL, APPLIED, AFTER_RESTART, NONE/);
  });
});

describe("an empty tracker", () => {
  it("renders Rasa's empty latest_message, no event time and action_listen as followup", () => {
    const j = trackerToJson(createTracker("new", { a: 1 }), "ALL");
    expect(j).toEqual({
      sender_id: "new",
      slots: { a: 1 },
      latest_message: { intent: {}, entities: [], text: null, message_id: null, metadata: {} },
      latest_event_time: null,
      // Rasa's tracker constructor runs `_reset()`, which sets the followup action.
      followup_action: "action_listen",
      paused: false,
      events: [],
      latest_input_channel: null,
      active_loop: {},
      latest_action: {},
      latest_action_name: null,
    });
  });
});

describe("verbosity", () => {
  const history = [listen, user("hi", "greet"), act("utter_greet"), { event: "restart" }, listen, user("bye")];

  it("ALL lists every event, APPLIED only those after the restart, NONE gives null", () => {
    expect(names(json(history, "ALL"))).toEqual([
      "action_listen",
      "user",
      "utter_greet",
      "restart",
      "action_listen",
      "user",
    ]);
    expect(names(json(history, "APPLIED"))).toEqual(["action_listen", "user"]);
    expect(json(history, "NONE").events).toBeNull();
  });

  it("AFTER_RESTART keeps reverted events that APPLIED drops", () => {
    const withUndo = [...history, act("utter_x"), { event: "undo" }];
    expect(names(json(withUndo, "AFTER_RESTART"))).toEqual(["action_listen", "user", "utter_x", "undo"]);
    expect(names(json(withUndo, "APPLIED"))).toEqual(["action_listen", "user"]);
  });

  it("AFTER_RESTART equals ALL when there was no restart", () => {
    const t = createTracker("u", {}, ev(listen, user("hi"), act("utter_x")));
    expect(trackerToJson(t, "AFTER_RESTART").events).toEqual(trackerToJson(t, "ALL").events);
    expect(trackerToJson(t, "ALL").events).toHaveLength(3);
  });
});

describe("applied events", () => {
  it("restart resets slots and sets action_session_start as followup", () => {
    const j = json([listen, user("hi"), slot("city", "Berlin"), { event: "pause" }, { event: "restart" }]);
    expect(j.slots).toEqual({ city: null, count: 0 });
    expect(j.followup_action).toBe("action_session_start");
    expect(j.paused).toBe(false);
    expect(j.latest_message.text).toBeNull();
  });

  it("session_started clears state but latest_input_channel still looks at all events", () => {
    const j = json([
      listen,
      { ...user("hi"), input_channel: "rest" },
      slot("city", "Rome"),
      { event: "session_started" },
    ]);
    expect(j.slots.city).toBeNull();
    expect(j.followup_action).toBe("action_listen");
    expect(j.latest_input_channel).toBe("rest");
  });

  it("undo removes the last action and what it did", () => {
    const j = json([listen, user("hi"), act("action_set"), slot("city", "Oslo"), { event: "undo" }]);
    expect(j.slots.city).toBeNull();
    expect(j.latest_action_name).toBe("action_listen");
  });

  it("rewind removes the last user turn and the slots set in it", () => {
    const j = json([
      listen,
      user("first", "greet"),
      act("utter_greet"),
      listen,
      user("second", "inform"),
      slot("city", "Paris"),
      { event: "rewind" },
    ]);
    expect(j.slots.city).toBeNull();
    expect(j.latest_message.text).toBe("first");
    expect(j.latest_action_name).toBe("utter_greet");
    expect(names(trackerToJson(createTracker("u", {}, ev(listen, user("a"), { event: "rewind" })), "APPLIED"))).toEqual(
      [],
    );
  });

  it("rewind applied after the fact on an existing tracker replays history", () => {
    const t = createTracker("u", { city: null }, ev(listen, user("a"), slot("city", "X")));
    expect(trackerToJson(appendEvents(t, ev({ event: "rewind" })), "NONE").slots.city).toBeNull();
  });
});

describe("followup, pause and resume", () => {
  it("a followup is cleared by the next action", () => {
    expect(json([listen, user("hi"), { event: "followup", name: "utter_x" }]).followup_action).toBe("utter_x");
    expect(
      json([listen, user("hi"), { event: "followup", name: "utter_x" }, act("utter_x")]).followup_action,
    ).toBeNull();
  });

  it("pause and resume toggle paused", () => {
    expect(json([listen, { event: "pause" }]).paused).toBe(true);
    expect(json([listen, { event: "pause" }, { event: "resume" }]).paused).toBe(false);
  });
});

describe("active loop", () => {
  const start = [
    listen,
    user("book", "request_restaurant"),
    act("restaurant_form"),
    { event: "active_loop", name: "restaurant_form" },
  ];

  it("records the trigger message and renders Rasa's four keys", () => {
    const j = json(start);
    expect(j.active_loop).toMatchObject({ name: "restaurant_form", is_interrupted: false, rejected: false });
    expect(j.active_loop).toHaveProperty("trigger_message.intent.name", "request_restaurant");
    expect(Object.keys(j.active_loop)).toEqual(["name", "is_interrupted", "rejected", "trigger_message"]);
  });

  it("loop_interrupted sets is_interrupted until the next action", () => {
    const interrupted = [...start, listen, user("chitchat"), { event: "loop_interrupted", is_interrupted: true }];
    expect(json(interrupted).active_loop).toMatchObject({ is_interrupted: true });
    expect(json([...interrupted, act("utter_chitchat")]).active_loop).toMatchObject({ is_interrupted: false });
  });

  it("action_execution_rejected marks the loop rejected until it runs again", () => {
    const rejected = [...start, listen, user("x"), { event: "action_execution_rejected", name: "restaurant_form" }];
    expect(json(rejected).active_loop).toMatchObject({ rejected: true });
    expect(json([...rejected, act("restaurant_form")]).active_loop).toMatchObject({ rejected: false });
    const other = [...start, { event: "action_execution_rejected", name: "other_form" }];
    expect(json(other).active_loop).toMatchObject({ rejected: false });
  });

  it("active_loop with a null name deactivates", () => {
    expect(json([...start, { event: "active_loop", name: null }]).active_loop).toEqual({});
  });

  it("a loop started before any user message has Rasa's empty trigger message", () => {
    expect(json([{ event: "active_loop", name: "f" }]).active_loop).toMatchObject({
      trigger_message: { intent: {}, entities: [], text: null },
    });
  });
});

describe("entities event", () => {
  const turn = [listen, user("thai please", "inform", { entities: [{ entity: "cuisine", value: "thai" }] })];

  it("adds new entities to latest_message right after the user turn, skipping duplicates", () => {
    const j = json([
      ...turn,
      {
        event: "entities",
        entities: [
          { entity: "cuisine", value: "thai" },
          { entity: "price", value: "cheap" },
        ],
      },
    ]);
    expect(j.latest_message.entities).toEqual([
      { entity: "cuisine", value: "thai" },
      { entity: "price", value: "cheap" },
    ]);
    // The stored user event is not rewritten (Rasa copies the entity list).
    expect((j.events![1]!.parse_data as { entities: unknown[] }).entities).toHaveLength(1);
  });

  it("is ignored once another action ran", () => {
    const j = json([...turn, act("utter_x"), { event: "entities", entities: [{ entity: "price", value: "cheap" }] }]);
    expect(j.latest_message.entities).toHaveLength(1);
  });
});

describe("latest action", () => {
  it("an end-to-end action reports its text as latest_action_name", () => {
    const j = json([listen, user("hi"), { event: "action", name: null, action_text: "Hello there!" }]);
    expect(j.latest_action).toEqual({ action_text: "Hello there!" });
    expect(j.latest_action_name).toBe("Hello there!");
  });

  it("latest_event_time is the last event's timestamp, not the largest", () => {
    const events = parseEvents([
      { event: "action", name: "action_listen", timestamp: 50 },
      { event: "pause", timestamp: 10 },
    ]);
    expect(trackerToJson(createTracker("u", {}, events), "NONE").latest_event_time).toBe(10);
  });

  it("ignores slots the domain does not have", () => {
    expect(json([listen, slot("unknown", 1), slot("toString", 2)]).slots).toEqual({ city: null, count: 0 });
  });
});
