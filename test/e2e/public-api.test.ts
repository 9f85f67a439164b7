/**
 * The package's programmatic API (`import ... from "confab"`) trains and drives a bot in-process.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CollectingOutputChannel, loadProject, startAgent, trainModel } from "../../src/index.js";
import { MemoryTrackerStore } from "../../src/stores/tracker/memory-tracker-store.js";
import { copyProject, RASA_FIXTURES } from "../../src/testing/fixtures.js";

describe("public API", () => {
  it("loads, trains and answers a message without any server", async () => {
    const root = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    const project = loadProject(root);
    const { model } = trainModel(project);
    const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const agent = await startAgent({ model, projectRoot: root, logger, trackerStore: new MemoryTrackerStore() });
    const output = new CollectingOutputChannel();
    await agent.handleMessage({ text: "hello", senderId: "api", inputChannel: "api" }, output);
    expect(output.messages[0]).toMatchObject({ recipient_id: "api", text: "Hey! How are you?" });
    await agent.close();
  });
});
