import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActions, startActionServer } from "../../../src/sdk/index.js";
import type { RunningActionServer } from "../../../src/sdk/index.js";
import { copyProject, RASA_FIXTURES } from "../../../src/testing/fixtures.js";
import { startHttpBot } from "./http-bot.js";
import type { HttpBot } from "./http-bot.js";

// formbot (Rasa's examples/formbot) with its validate_restaurant_form ported to the TypeScript SDK:
// the bot and the action server are two HTTP servers on loopback.
describe("formbot with the TypeScript action server", () => {
  let actions: RunningActionServer;
  let bot: HttpBot;

  beforeAll(async () => {
    actions = await startActionServer(await loadActions("examples/actions/formbot"), { port: 0, host: "127.0.0.1" });
    const root = copyProject(path.join(RASA_FIXTURES, "formbot"));
    fs.writeFileSync(path.join(root, "endpoints.yml"), `action_endpoint:\n  url: ${actions.url}/webhook\n`);
    bot = await startHttpBot(root);
  });
  afterAll(async () => {
    await bot?.close();
    await actions?.close();
  });

  const texts = async (message: string) => (await bot.say("diner", message)).map((m) => m.text);

  it("fills the form, re-asking for values the action server rejects", async () => {
    expect(await texts("/request_restaurant")).toEqual(["What cuisine?"]);
    expect(await texts('/inform{"cuisine": "martian"}')).toEqual([
      "Cuisine type is not in the database, please try again",
      "What cuisine?",
    ]);
    expect(await texts('/inform{"cuisine": "Greek"}')).toEqual(["How many people?"]);
    expect(await texts('/inform{"number": "-3"}')).toEqual([
      "Number of people should be a positive integer, please try again",
      "How many people?",
    ]);
    expect(await texts('/inform{"number": "4"}')).toEqual(["Do you want to sit outside?"]);
    expect(await texts('/inform{"seating": "sky"}')).toEqual([
      "Could not convert input to boolean value, please try again",
      "Do you want to sit outside?",
    ]);
    expect(await texts('/inform{"seating": "outdoor"}')).toEqual(["Please provide additional preferences"]);
    expect(await texts("/deny")).toEqual(["Please give your feedback on your experience so far"]);
    const done = await texts('/inform{"feedback": "great"}');
    expect(done[0]).toBe("All done!");
    expect(done[1]).toContain("- cuisine: Greek");

    const tracker = await bot.agent.processor.fetchTracker("diner");
    expect(tracker.state.slots).toMatchObject({
      cuisine: "Greek",
      num_people: "4",
      outdoor_seating: true,
      preferences: "no additional preferences",
      feedback: "great",
    });
    expect(tracker.state.activeLoop).toBeNull();
    const validations = tracker.events.filter((e) => e.event === "action" && e.name === "validate_restaurant_form");
    expect(validations.length).toBe(0); // validate_<form> is called by the form, not logged as its own action
    expect(bot.logs.codes()).toEqual([]);
  });
});
