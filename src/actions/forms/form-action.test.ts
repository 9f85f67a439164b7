import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../../agent/agent.js";
import type { Agent } from "../../agent/agent.js";
import { CollectingOutputChannel } from "../../channels/collecting-output.js";
import { loadProject } from "../../config/index.js";
import type { Event } from "../../model/index.js";
import { silentLogger } from "../../ports/index.js";
import { MemoryTrackerStore } from "../../stores/tracker/memory-tracker-store.js";
import { RASA_FIXTURES } from "../../testing/fixtures.js";
import { trainModel } from "../../training/train.js";
import { calls, formbotActions } from "./formbot-validate.test-helper.js";

const root = path.join(RASA_FIXTURES, "formbot");
let agent: Agent;
let n = 0;

beforeAll(() => {
  const project = loadProject(root, {});
  const { model } = trainModel(project, { seed: 1 });
  // An in-memory store: the default SQLite store would write into the read-only fixture folder.
  agent = createAgent({
    model,
    projectRoot: root,
    logger: silentLogger,
    customActions: formbotActions,
    trackerStore: new MemoryTrackerStore(),
  });
});

async function say(sender: string, text: string): Promise<string[]> {
  const out = new CollectingOutputChannel();
  await agent.handleMessage({ text, senderId: sender, inputChannel: "test" }, out);
  return out.messages.map((m) => m.text ?? "");
}

async function events(sender: string): Promise<Event[]> {
  return [...(await agent.processor.fetchTracker(sender)).events];
}

const newSender = () => `form-${++n}`;

describe("restaurant_form (formbot)", () => {
  it("activates, asks the first empty slot and logs active_loop and requested_slot", async () => {
    const s = newSender();
    expect(await say(s, "/request_restaurant")).toEqual(["What cuisine?"]);
    const ev = await events(s);
    const form = ev.findIndex((e) => e.event === "action" && e.name === "restaurant_form");
    expect(ev.slice(form + 1, form + 4)).toMatchObject([
      { event: "active_loop", name: "restaurant_form" },
      { event: "slot", name: "requested_slot", value: "cuisine" },
      { event: "bot", text: "What cuisine?" },
    ]);
  });

  it("fills slots in order through validate_restaurant_form, then submits and deactivates", async () => {
    const s = newSender();
    await say(s, "/request_restaurant");
    calls.length = 0;
    expect(await say(s, '/inform{"cuisine":"Italian"}')).toEqual(["How many people?"]);
    expect(calls).toEqual(["validate_restaurant_form"]);
    expect(await say(s, '/inform{"number":"4"}')).toEqual(["Do you want to sit outside?"]);
    expect(await say(s, "/affirm")).toEqual(["Please provide additional preferences"]);
    expect(await say(s, "/deny")).toEqual(["Please give your feedback on your experience so far"]);
    const last = await say(s, "/inform");
    expect(last[0]).toBe("All done!");
    expect(last[1]).toContain("- cuisine: Italian");
    const tracker = await agent.processor.fetchTracker(s);
    expect(tracker.state.activeLoop).toBeNull();
    expect(tracker.state.slots).toMatchObject({
      num_people: "4",
      outdoor_seating: true,
      preferences: "no additional preferences",
      feedback: "/inform",
      requested_slot: null,
    });
  });

  it("asks again when validation sets the slot to null", async () => {
    const s = newSender();
    await say(s, "/request_restaurant");
    expect(await say(s, '/inform{"cuisine":"martian"}')).toEqual([
      "Cuisine type is not in the database, please try again",
      "What cuisine?",
    ]);
    expect((await agent.processor.fetchTracker(s)).state.slots.cuisine).toBeNull();
  });

  it("validates slots filled before activation", async () => {
    const s = newSender();
    expect(await say(s, '/request_restaurant{"cuisine":"greek","number":"2"}')).toEqual([
      "Do you want to sit outside?",
    ]);
  });

  it("rejects when the requested slot is not filled, so rules handle the interruption, then resumes", async () => {
    const s = newSender();
    await say(s, "/request_restaurant");
    expect(await say(s, "/bot_challenge")).toEqual(["I am a bot, powered by Rasa.", "What cuisine?"]);
    const ev = await events(s);
    expect(ev.some((e) => e.event === "action_execution_rejected" && e.name === "restaurant_form")).toBe(true);
    // ignored_intents: chitchat never fills a slot, even from text.
    expect(await say(s, "/chitchat")).toEqual(["chitchat", "What cuisine?"]);
    expect(await say(s, '/inform{"cuisine":"indian"}')).toEqual(["How many people?"]);
  });

  it("stop + deny runs action_deactivate_loop (the story's unhappy path)", async () => {
    const s = newSender();
    await say(s, "/request_restaurant");
    expect(await say(s, "/stop")).toEqual(["Do you want to continue?"]);
    await say(s, "/deny");
    const tracker = await agent.processor.fetchTracker(s);
    expect(tracker.state.activeLoop).toBeNull();
    const names = tracker.events.flatMap((e) => (e.event === "action" ? [e.name] : []));
    expect(names).toContain("action_deactivate_loop");
  });
});
