/**
 * Test helper: a project served in-process (trained fresh, in-memory or SQLite store), driven
 * through fastify's `inject`, so tests exercise the real HTTP layer without a port.
 */
import type { FastifyInstance } from "fastify";
import { createAgent } from "../agent/agent.js";
import type { Agent } from "../agent/agent.js";
import { loadProject } from "../config/index.js";
import type { Project } from "../config/index.js";
import type { BotMessage } from "../model/index.js";
import { silentLogger } from "../ports/index.js";
import type { TrackerStore } from "../ports/index.js";
import { buildServer } from "../server/app.js";
import { MemoryTrackerStore } from "../stores/tracker/memory-tracker-store.js";
import { trainModel } from "../training/train.js";

export interface TestBot {
  project: Project;
  agent: Agent;
  app: FastifyInstance;
  say(sender: string, message: string): Promise<BotMessage[]>;
  close(): Promise<void>;
}

export async function startTestBot(root: string, options: { trackerStore?: TrackerStore } = {}): Promise<TestBot> {
  const project = loadProject(root, {});
  const { model } = trainModel(project, { seed: 42 });
  const agent = createAgent({
    model,
    projectRoot: root,
    logger: silentLogger,
    trackerStore: options.trackerStore ?? new MemoryTrackerStore(),
    random: () => 0,
  });
  const app = buildServer({ handleMessage: agent.handleMessage });
  await app.ready();
  return {
    project,
    agent,
    app,
    async say(sender, message) {
      const res = await app.inject({ method: "POST", url: "/webhooks/rest/webhook", payload: { sender, message } });
      if (res.statusCode !== 200) throw new Error(`REST webhook answered ${res.statusCode}: ${res.body}`);
      return res.json<BotMessage[]>();
    },
    async close() {
      await app.close();
      await agent.close();
    },
  };
}
