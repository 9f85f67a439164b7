/**
 * A tracker's turn timeline (the state before each applied action) is kept as events are appended. Whatever the
 * history rewrites (restart, session start, undo, rewind, repeated form executions), it must equal a replay of
 * Rasa's applied events from scratch, or policies would predict from a wrong past.
 */
import { describe, expect, it } from "vitest";
import { appliedEvents } from "./applied-events.js";
import { parseEvents } from "./event-codec.js";
import type { Event } from "./events.js";
import { applyEvent, initialState, type TrackerState } from "./tracker-state.js";
import { appendEvents, createTracker, hasAppliedEvents, turnTimeline, type Tracker } from "./tracker.js";

let clock = 0;
const ev = (...json: Record<string, unknown>[]): Event[] =>
  parseEvents(
    json.map((j) => ({ timestamp: ++clock, ...j })),
    { newId: () => "r1" },
  );
const listen = { event: "action", name: "action_listen" };
const act = (name: string) => ({ event: "action", name });
const user = (intent: string) => ({
  event: "user",
  text: intent,
  parse_data: { intent: { name: intent, confidence: 1 }, entities: [] },
});
const slot = (name: string, value: unknown) => ({ event: "slot", name, value });

const SLOTS = { city: null, requested_slot: null };

const CONVERSATION = ev(
  listen,
  user("greet"),
  act("utter_greet"),
  listen,
  user("book"),
  act("hotel_form"),
  { event: "active_loop", name: "hotel_form" },
  slot("requested_slot", "city"),
  listen,
  user("inform"),
  slot("city", "Berlin"),
  act("hotel_form"),
  slot("requested_slot", null),
  { event: "active_loop", name: null },
  listen,
  user("chitchat"),
  act("utter_chitchat"),
  { event: "undo" },
  act("utter_other"),
  listen,
  user("oops"),
  { event: "rewind" },
  user("thanks"),
  act("utter_welcome"),
  { event: "restart" },
  act("action_session_start"),
  { event: "session_started" },
  slot("city", "Paris"),
  listen,
  user("bye"),
  act("utter_bye"),
);

/** The reference: replay the applied events from scratch, noting the state before each action. */
function replayed(events: readonly Event[]): { before: TrackerState[]; actions: Event[] } {
  let state = initialState(SLOTS);
  const before: TrackerState[] = [];
  const actions: Event[] = [];
  for (const e of appliedEvents(events)) {
    if (e.event === "action") {
      before.push(state);
      actions.push(e);
    }
    state = applyEvent(state, e, SLOTS);
  }
  return { before, actions };
}

function timelineOf(tracker: Tracker) {
  const t = turnTimeline(tracker);
  return {
    before: Array.from({ length: t.length }, (_, i) => t.stateBefore(i)),
    actions: Array.from({ length: t.length }, (_, i) => t.action(i)),
  };
}

/**
 * Right after a `restart` the live tracker's followup is `action_session_start` where a replay from scratch has
 * Rasa's `_reset()` default `action_listen`; policies only ask whether a followup is pending, which both agree on.
 */
function comparableState(s: TrackerState) {
  return { ...s, followupAction: s.followupAction !== null };
}

function comparable(t: { before: TrackerState[]; actions: Event[] }) {
  return { ...t, before: t.before.map(comparableState) };
}

/** Undo and rewind with nothing to go back to, twice in a row, after slots, and right after a user message. */
const WINDING = ev(
  { event: "undo" },
  { event: "rewind" },
  user("hi"),
  slot("city", "Rome"),
  { event: "rewind" },
  listen,
  user("a"),
  act("utter_a"),
  slot("city", "Oslo"),
  listen,
  user("b"),
  slot("city", "Lima"),
  { event: "rewind" },
  { event: "rewind" },
  listen,
  user("c"),
  act("utter_c"),
  slot("city", "Kyiv"),
  { event: "undo" },
  { event: "undo" },
  act("utter_d"),
  listen,
  user("d"),
  { event: "rewind" },
  user("e"),
  act("utter_e"),
);

/** The reference state: the applied events folded from scratch. */
function replayedState(events: readonly Event[]): TrackerState {
  return appliedEvents(events).reduce((state, e) => applyEvent(state, e, SLOTS), initialState(SLOTS));
}

/** Appends `events` one at a time, checking the timeline and the state against a replay after each. */
function appendedOneByOne(events: readonly Event[]): Tracker {
  let tracker = createTracker("u", SLOTS);
  events.forEach((e, i) => {
    tracker = appendEvents(tracker, [e]);
    const prefix = events.slice(0, i + 1);
    const where = `after event ${i} (${e.event})`;
    expect(hasAppliedEvents(tracker), where).toBe(appliedEvents(prefix).length > 0);
    expect(comparable(timelineOf(tracker)), where).toEqual(comparable(replayed(prefix)));
    expect(comparableState(tracker.state), where).toEqual(comparableState(replayedState(prefix)));
  });
  return tracker;
}

describe("turn timeline", () => {
  it("equals a fresh replay after every single appended event", () => {
    const tracker = appendedOneByOne(CONVERSATION);
    expect(turnTimeline(tracker).length).toBe(2);
  });

  it("goes back with undo and rewind exactly as a replay does, wherever they come", () => {
    const tracker = appendedOneByOne(WINDING);
    expect(timelineOf(tracker).actions.map((e) => (e.event === "action" ? e.name : ""))).toEqual([
      "utter_d",
      "utter_e",
    ]);
  });

  it("equals a fresh replay when the whole conversation is loaded at once", () => {
    expect(timelineOf(createTracker("u", SLOTS, CONVERSATION))).toEqual(replayed(CONVERSATION));
  });

  it("is not disturbed when an older tracker grows a different way (trackers are values)", () => {
    const base = createTracker("u", SLOTS, CONVERSATION.slice(0, 4));
    const a = appendEvents(base, ev(user("left"), act("utter_left")));
    const b = appendEvents(base, ev(user("right"), act("utter_right")));
    expect(timelineOf(base)).toEqual(replayed(base.events));
    expect(timelineOf(a).actions.map((e) => (e.event === "action" ? e.name : ""))).toEqual([
      "action_listen",
      "utter_greet",
      "action_listen",
      "utter_left",
    ]);
    expect(timelineOf(b)).toEqual(replayed(b.events));
  });

  it("refuses turns outside the timeline", () => {
    const t = turnTimeline(createTracker("u", SLOTS, CONVERSATION.slice(0, 3)));
    expect(() => t.stateBefore(2)).toThrow(RangeError);
    expect(() => t.action(-1)).toThrow(RangeError);
  });
});
