/**
 * Done-when of the core issue: Rasa's own example projects run unmodified and follow their
 * stories over the REST channel for typed text; their test conversations pass when replayed.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, RASA_FIXTURES } from "../../src/testing/fixtures.js";
import { replayStory } from "../../src/testing/replay.js";
import { startTestBot } from "../../src/testing/test-server.js";
import type { TestBot } from "../../src/testing/test-server.js";

describe("initial_project (rasa init) over REST", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(copyProject(path.join(RASA_FIXTURES, "initial_project")));
  });
  afterAll(() => bot.close());

  it("has test stories to replay", () => {
    expect(bot.project.testStories.length).toBeGreaterThanOrEqual(7);
  });

  it("passes every test conversation in tests/test_stories.yml", async () => {
    const failures: unknown[] = [];
    let turns = 0;
    for (const [i, story] of bot.project.testStories.entries()) {
      for (const r of await replayStory(bot, story, `initial-${i}`)) {
        turns += 1;
        if (
          r.actualIntent !== r.expectedIntent ||
          JSON.stringify(r.actualActions) !== JSON.stringify(r.expectedActions)
        ) {
          failures.push(r);
        }
      }
    }
    expect(turns).toBeGreaterThan(15);
    expect(failures).toEqual([]);
  });
});

describe("moodbot over REST", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(copyProject(path.join(RASA_FIXTURES, "moodbot")));
  });
  afterAll(() => bot.close());

  it("greets with the two mood buttons, exactly as Rasa's REST channel returns them", async () => {
    expect(await bot.say("m1", "hello there")).toEqual([
      {
        recipient_id: "m1",
        text: "Hey! How are you?",
        buttons: [
          { title: "great", payload: "/mood_great" },
          { title: "super sad", payload: "/mood_unhappy" },
        ],
      },
    ]);
  });

  it("follows the sad path for typed text: cheer-up image, then asks if it helped", async () => {
    await bot.say("m2", "hi");
    expect(await bot.say("m2", "I am very sad")).toEqual([
      { recipient_id: "m2", text: "Here is something to cheer you up:" },
      { recipient_id: "m2", image: "https://i.imgur.com/iPa8HCj.jpeg" },
      { recipient_id: "m2", text: "Did that help you?" },
    ]);
    expect(await bot.say("m2", "yes")).toEqual([{ recipient_id: "m2", text: "Great, carry on!" }]);
  });

  it("says goodbye when the cheer-up did not help, and answers a bot challenge anytime", async () => {
    await bot.say("m3", "good morning");
    await bot.say("m3", "/mood_unhappy");
    expect(await bot.say("m3", "no")).toEqual([{ recipient_id: "m3", text: "Bye" }]);
    expect(await bot.say("m3", "are you a bot?")).toEqual([
      { recipient_id: "m3", text: "I am a bot, powered by Rasa." },
    ]);
  });

  it("treats a button payload as that intent with confidence 1, skipping NLU", async () => {
    await bot.say("m4", "/mood_great");
    const tracker = await bot.agent.processor.fetchTracker("m4");
    const user = tracker.events.find((e) => e.event === "user");
    expect(user?.event === "user" && user.parse_data.intent).toEqual({ name: "mood_great", confidence: 1 });
  });
});
