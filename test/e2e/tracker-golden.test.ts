/**
 * The tracker of a live conversation has the shape of Rasa's own tracker dumps
 * (`../shared/fixtures/rasa/golden/tracker_moodbot*.json`), key by key.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trackerToJson } from "../../src/model/index.js";
import { copyProject, RASA_FIXTURES } from "../../src/testing/fixtures.js";
import { startTestBot } from "../../src/testing/test-server.js";
import type { TestBot } from "../../src/testing/test-server.js";

type Json = Record<string, unknown>;
const golden = JSON.parse(
  fs.readFileSync(path.join(RASA_FIXTURES, "golden/tracker_moodbot_with_new_utterances.json"), "utf8"),
) as Json;

/** Keys Rasa 3 adds to parse data with its default pipeline that this older dump lacks. */
const EXTRA_PARSE_KEYS = new Set(["text_tokens", "response_selector"]);

const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

function expectSameShape(actual: Json, expected: Json, where: string, extra: Set<string> = new Set()): void {
  const missing = Object.keys(expected).filter((k) => !(k in actual));
  const unexpected = Object.keys(actual).filter((k) => !(k in expected) && !extra.has(k));
  expect({ where, missing, unexpected }).toEqual({ where, missing: [], unexpected: [] });
  for (const key of Object.keys(expected)) {
    const [a, e] = [actual[key], expected[key]];
    // null in the golden file stands for "may be null" (e.g. policy, input_channel).
    if (e !== null && a !== null) expect(`${where}.${key}: ${typeOf(a)}`).toBe(`${where}.${key}: ${typeOf(e)}`);
  }
}

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot(copyProject(path.join(RASA_FIXTURES, "moodbot")));
  await bot.say("golden", "hello");
  await bot.say("golden", "I feel great");
});
afterAll(() => bot.close());

describe("tracker JSON of a moodbot conversation", () => {
  it("has every top-level key of Rasa's dump, with the same types", async () => {
    const json = trackerToJson(await bot.agent.processor.fetchTracker("golden"), "ALL") as unknown as Json;
    expectSameShape(json, { ...golden, latest_input_channel: "rest" }, "tracker");
    expectSameShape(json.latest_message as Json, golden.latest_message as Json, "latest_message", EXTRA_PARSE_KEYS);
  });

  it("writes user and action events with exactly Rasa's keys", async () => {
    const json = trackerToJson(await bot.agent.processor.fetchTracker("golden"), "ALL") as unknown as Json;
    const events = json.events as Json[];
    const goldenEvents = golden.events as Json[];
    const goldenAction = goldenEvents.find((e) => e.event === "action")!;
    const goldenUser = goldenEvents.find((e) => e.event === "user")!;
    for (const e of events.filter((x) => x.event === "action")) {
      // action_text: Rasa 3 writes it on every action event (null unless end-to-end); the 2.x-era dump predates it.
      expectSameShape(e, goldenAction, `action ${String(e.name)}`, new Set(["action_text"]));
    }
    for (const e of events.filter((x) => x.event === "user")) {
      // The newer dump drops the user event's empty metadata; Rasa 3 writes it.
      expectSameShape(e, goldenUser, "user", new Set(["metadata"]));
      expectSameShape(e.parse_data as Json, goldenUser.parse_data as Json, "user.parse_data", EXTRA_PARSE_KEYS);
    }
    expect(events.map((e) => (e.event === "action" ? e.name : e.event))).toEqual([
      "action_session_start",
      "session_started",
      "action_listen",
      "user",
      "user_featurization",
      "utter_greet",
      "bot",
      "action_listen",
      "user",
      "user_featurization",
      "utter_happy",
      "bot",
      "action_listen",
    ]);
  });

  it("names the policies like Rasa 3 (policy_<index>_<Name>) with their confidence", async () => {
    const tracker = await bot.agent.processor.fetchTracker("golden");
    const greet = tracker.events.find((e) => e.event === "action" && e.name === "utter_greet");
    expect(greet).toMatchObject({
      policy: expect.stringMatching(/^policy_\d+_(RulePolicy|MemoizationPolicy)$/),
      confidence: 1,
    });
  });
});
