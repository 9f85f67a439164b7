import { describe, expect, it } from "vitest";
import type { Event } from "./index.js";
import { appendEvents, createTracker } from "./index.js";
import { latestActionName } from "./tracker-state.js";

const action = (name: string, t: number): Event => ({
  event: "action",
  timestamp: t,
  name,
  policy: null,
  confidence: null,
});

describe("appending to a tracker", () => {
  it("extends the newest tracker's events in place, so an append costs what it adds", () => {
    const t1 = createTracker("u", {}, [action("action_listen", 1)]);
    const events = t1.events;
    const t2 = appendEvents(t1, [action("utter_greet", 2)]);
    expect(t2.events).toBe(events);
    expect(t2.events.map((e) => e.timestamp)).toEqual([1, 2]);
  });

  it("keeps every tracker an immutable value: older ones keep their events, and appending to them forks", () => {
    const t1 = createTracker("u", {}, [action("action_listen", 1)]);
    const t2 = appendEvents(t1, [action("utter_greet", 2)]);
    expect(t1.events.map((e) => e.timestamp)).toEqual([1]);
    const fork = appendEvents(t1, [action("utter_goodbye", 3)]);
    expect(fork.events.map((e) => e.timestamp)).toEqual([1, 3]);
    expect(t2.events.map((e) => e.timestamp)).toEqual([1, 2]);
    expect(appendEvents(t2, [action("action_listen", 4)]).events.map((e) => e.timestamp)).toEqual([1, 2, 4]);
    expect(latestActionName(fork.state)).toBe("utter_goodbye");
    expect(latestActionName(t2.state)).toBe("utter_greet");
  });

  it("appends a tracker's own events to itself", () => {
    const t1 = createTracker("u", {}, [action("action_listen", 1), action("utter_greet", 2)]);
    expect(appendEvents(t1, t1.events).events.map((e) => e.timestamp)).toEqual([1, 2, 1, 2]);
  });
});
