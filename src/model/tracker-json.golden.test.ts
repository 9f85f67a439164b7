/**
 * Golden tests: Rasa's own serialised moodbot trackers (RasaHQ/rasa `data/`) re-read and re-rendered.
 * Both files predate parts of Rasa 3.x's `current_state()`; every difference is listed explicitly.
 */
// The model stays pure; only this test reads the golden fixture files.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from "node:fs";
// eslint-disable-next-line no-restricted-imports
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEvents } from "./event-codec.js";
import { trackerToJson } from "./tracker-json.js";
import { createTracker } from "./tracker.js";

const GOLDEN = path.resolve(process.cwd(), "../shared/fixtures/rasa/golden");

function load(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(GOLDEN, name), "utf8")) as Record<string, unknown>;
}

function render(golden: Record<string, unknown>) {
  const events = parseEvents(golden.events, { now: () => 0 });
  const tracker = createTracker("mysender", { name: null }, events);
  return trackerToJson(tracker, "ALL") as unknown as Record<string, unknown>;
}

/** Compares every key the golden object has; returns the keys ours adds. */
function expectKeysMatch(
  ours: Record<string, unknown>,
  golden: Record<string, unknown>,
  skip: string[] = [],
): string[] {
  for (const [key, value] of Object.entries(golden)) {
    if (skip.includes(key)) continue;
    expect({ key, value: ours[key] }).toEqual({ key, value });
  }
  return Object.keys(ours).filter((k) => !(k in golden));
}

const TOP_LEVEL_KEYS = [
  "sender_id",
  "slots",
  "latest_message",
  "latest_event_time",
  "followup_action",
  "paused",
  "events",
  "latest_input_channel",
  "active_loop",
  "latest_action",
  "latest_action_name",
];

describe("golden tracker_moodbot.json", () => {
  const golden = load("tracker_moodbot.json");
  const ours = render(golden);

  it("renders Rasa 3.x's top-level keys in current_state order", () => {
    expect(Object.keys(ours)).toEqual(TOP_LEVEL_KEYS);
  });

  it("matches every top-level value the golden file has", () => {
    // The file predates `latest_action` (added in Rasa 2.0).
    expect(expectKeysMatch(ours, golden, ["events"])).toEqual(["latest_action"]);
    expect(ours.latest_action).toEqual({ action_name: "action_listen" });
  });

  it("matches every event key by key; action events gain action_text and hide_rule_turn", () => {
    const goldenEvents = golden.events as Record<string, unknown>[];
    const ourEvents = ours.events as Record<string, unknown>[];
    expect(ourEvents).toHaveLength(goldenEvents.length);
    goldenEvents.forEach((g, i) => {
      const added = expectKeysMatch(ourEvents[i]!, g);
      expect(added).toEqual(g.event === "action" ? ["action_text", "hide_rule_turn"] : []);
      if (g.event === "action") expect(ourEvents[i]).toMatchObject({ action_text: null, hide_rule_turn: false });
    });
  });
});

describe("golden tracker_moodbot_with_new_utterances.json", () => {
  const golden = load("tracker_moodbot_with_new_utterances.json");
  const ours = render(golden);
  const events = golden.events as Record<string, unknown>[];

  it("matches the top-level values that follow from its events", () => {
    expect(Object.keys(ours)).toEqual(TOP_LEVEL_KEYS);
    // The file's header was copied from the 7-event file; Rasa derives these two from the events:
    // the last event's timestamp and the last user message's parse data (whose text wins).
    expect(expectKeysMatch(ours, golden, ["events", "latest_event_time", "latest_message"])).toEqual([]);
    expect(ours.latest_event_time).toBe(events[events.length - 1]!.timestamp);
    expect(ours.latest_event_time).not.toBe(golden.latest_event_time);
    const lastUser = events.filter((e) => e.event === "user").pop()!;
    expect(ours.latest_message).toEqual({ ...(lastUser.parse_data as object), metadata: {} });
    expect((ours.latest_message as { text: string }).text).toBe("my mood is so great!");
  });

  it("matches every event key by key; only action_text and a user event's empty metadata are added", () => {
    const ourEvents = ours.events as Record<string, unknown>[];
    expect(ourEvents).toHaveLength(10);
    events.forEach((g, i) => {
      const added = expectKeysMatch(ourEvents[i]!, g);
      if (g.event === "action")
        expect({ added, text: ourEvents[i]!.action_text }).toEqual({ added: ["action_text"], text: null });
      // Rasa's UserUttered.as_dict always writes metadata; the last user event in the file lacks it.
      else expect(added).toEqual("metadata" in g ? [] : ["metadata"]);
    });
  });

  it("keeps the event's own text apart from the parse data's text", () => {
    const user = (ours.events as Record<string, unknown>[])[7]!;
    expect(user.text).toBe("/mood_great");
    expect((user.parse_data as { text: string }).text).toBe("my mood is so great!");
  });
});
