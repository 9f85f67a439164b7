/**
 * Reusing a conversation's tracker between turns (in-memory store) must never change what a turn sees: whatever
 * happened to the stored events, the tracker equals a fresh fold of them, rewinds and replaced histories included.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createAgent } from "../agent/agent.js";
import { CollectingOutputChannel } from "../channels/collecting-output.js";
import { loadProject } from "../config/index.js";
import { copyJson, createTracker, initialSlotValues, latestSessionEvents, turnTimeline } from "../model/index.js";
import type { Event, Tracker } from "../model/index.js";
import { silentLogger } from "../ports/index.js";
import { MemoryTrackerStore } from "../stores/tracker/memory-tracker-store.js";
import { trainModel } from "../training/train.js";
import { TrackerCache } from "./tracker-cache.js";

const MOODBOT = path.resolve(process.cwd(), "examples/moodbot");
const { model } = trainModel(loadProject(MOODBOT, {}), { seed: 42 });
const SLOTS = initialSlotValues(model.domain);

/** What policies and actions read from a tracker: its events, state and the state before each applied action. */
function seen(tracker: Tracker) {
  const timeline = turnTimeline(tracker);
  const turns = Array.from({ length: timeline.length }, (_, i) => [timeline.stateBefore(i), timeline.action(i)]);
  return { events: tracker.events, state: tracker.state, turns };
}

describe("tracker cache", () => {
  it("gives every turn of a moodbot conversation the tracker a fresh fold of the stored events gives", async () => {
    const trackerStore = new MemoryTrackerStore();
    let clock = 1_000_000;
    const agent = createAgent({ model, projectRoot: MOODBOT, logger: silentLogger, trackerStore, now: () => clock++ });
    // "yes" and "are you a bot?" out of context go through the fallback, whose rewind rewrites history.
    const messages = ["hello", "I am feeling great", "yes", "not so good", "are you a bot?", "yes", "bye", "hi"];
    for (const text of [...messages, ...messages]) {
      const out = new CollectingOutputChannel();
      const tracker = await agent.processor.handleMessageWithTracker(
        { text, senderId: "u", inputChannel: "rest" },
        out,
      );
      // The turn loaded the latest session (the first turn also has the events before its session start).
      const stored = (await trackerStore.retrieve("u"))!;
      expect(tracker.events.length).toBeGreaterThanOrEqual(latestSessionEvents(stored).length);
      const replayed = createTracker("u", SLOTS, stored.slice(stored.length - tracker.events.length));
      expect(seen(tracker)).toEqual(seen(replayed));
    }
  });

  it("follows what others do to the stored conversation between turns: appended events, a replace, a delete", async () => {
    const trackerStore = new MemoryTrackerStore();
    let clock = 2_000_000;
    const agent = createAgent({ model, projectRoot: MOODBOT, logger: silentLogger, trackerStore, now: () => clock++ });
    const say = (text: string) =>
      agent.processor.handleMessageWithTracker(
        { text, senderId: "u", inputChannel: "rest" },
        new CollectingOutputChannel(),
      );
    const slots = async () => (await say("hello")).state.slots;
    await say("hello");
    await say("I am feeling great");
    // Events appended to the store outside a turn are folded into the next one.
    await trackerStore.append("u", [{ event: "slot", timestamp: clock++, name: "name", value: "Ada" }]);
    expect((await slots()).name).toBe("Ada");
    const kept = (await trackerStore.retrieve("u"))!;
    await trackerStore.replace(
      "u",
      kept.map((e) => (e.event === "slot" && e.name === "name" ? { ...e, value: "Grace" } : e)),
    );
    expect((await slots()).name).toBe("Grace");
    await trackerStore.delete("u");
    const fresh = await say("hello");
    expect(fresh.state.slots.name ?? null).toBeNull();
    expect(fresh.events.filter((e) => e.event === "user")).toHaveLength(1);
  });

  it("folds in only what the store appended to the log it knows, and rebuilds a replaced log", () => {
    const cache = new TrackerCache(SLOTS, 1);
    const turn = (intent: string, t: number): Event[] => [
      {
        event: "user",
        timestamp: t,
        text: intent,
        parse_data: { text: intent, intent: { name: intent, confidence: 1 }, entities: [] },
        input_channel: "rest",
        message_id: null,
        metadata: {},
      },
      { event: "action", timestamp: t, name: "utter_greet", policy: null, confidence: null },
      { event: "slot", timestamp: t, name: "name", value: intent },
      { event: "action", timestamp: t, name: "action_listen", policy: null, confidence: null },
    ];
    const log = turn("greet", 1);
    const a = cache.trackerFor("a", log);
    expect(seen(a)).toEqual(seen(createTracker("a", SLOTS, log)));
    // Nothing appended: the very same tracker, whatever the conversation's length.
    expect(cache.trackerFor("a", log)).toBe(a);
    log.push(...turn("mood_great", 2));
    const grown = cache.trackerFor("a", log);
    expect(seen(grown)).toEqual(seen(createTracker("a", SLOTS, log)));
    // Folded onto the cached tracker in place: its events are the same array, extended, not a copy.
    const before = grown.events;
    log.push(...turn("deny", 3));
    expect(cache.trackerFor("a", log).events).toBe(before);
    // A store that started a new log (replace), a new session, and an empty conversation are rebuilt.
    const replaced = copyJson(log).slice(0, 6);
    expect(seen(cache.trackerFor("a", replaced))).toEqual(seen(createTracker("a", SLOTS, replaced)));
    const started: Event = { event: "session_started", timestamp: 4 };
    replaced.push(started, ...turn("affirm", 5));
    expect(seen(cache.trackerFor("a", replaced))).toEqual(
      seen(createTracker("a", SLOTS, [started, ...turn("affirm", 5)])),
    );
    expect(cache.trackerFor("a", []).state.slots).toEqual(SLOTS);
    // Capacity 1: another conversation evicts "a", which is then rebuilt from its log.
    cache.trackerFor("b", turn("deny", 3));
    expect(seen(cache.trackerFor("a", log))).toEqual(seen(createTracker("a", SLOTS, log)));
  });
});
