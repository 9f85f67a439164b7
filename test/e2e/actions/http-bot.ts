/**
 * Test support: a project trained fresh and served over real HTTP on loopback (REST channel), with
 * its endpoints.yml honoured, messages pushed outside a request (reminders) recorded, and logs kept.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { startAgent } from "../../../src/agent/agent.js";
import type { Agent } from "../../../src/agent/agent.js";
import { recordingLogger } from "../../../src/actions/remote/test-helpers.js";
import { registerRestChannel } from "../../../src/channels/rest.js";
import { loadProject } from "../../../src/config/index.js";
import type { BotMessage, BotUttered } from "../../../src/model/index.js";
import type { TrackerStore } from "../../../src/ports/index.js";
import { MemoryTrackerStore } from "../../../src/stores/tracker/memory-tracker-store.js";
import { trainModel } from "../../../src/training/train.js";

export interface HttpBot {
  url: string;
  agent: Agent;
  logs: ReturnType<typeof recordingLogger>;
  /** Bot messages sent outside a request (reminders), in order. */
  pushed: { sender: string; bot: BotUttered }[];
  say(sender: string, message: string): Promise<BotMessage[]>;
  close(): Promise<void>;
}

export async function startHttpBot(root: string, options: { trackerStore?: TrackerStore } = {}): Promise<HttpBot> {
  const project = loadProject(root, {});
  const { model } = trainModel(project, { seed: 42 });
  const logs = recordingLogger();
  const pushed: HttpBot["pushed"] = [];
  const agent = await startAgent({
    model,
    projectRoot: root,
    logger: logs,
    endpoints: project.endpoints,
    trackerStore: options.trackerStore ?? new MemoryTrackerStore(),
    random: () => 0,
    outputFor: () => ({
      name: "rest",
      sendResponse: (sender, bot) => {
        pushed.push({ sender, bot });
        return Promise.resolve();
      },
    }),
  });
  const app = Fastify();
  registerRestChannel(app, agent.handleMessage);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url,
    agent,
    logs,
    pushed,
    async say(sender, message) {
      const res = await fetch(`${url}/webhooks/rest/webhook`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender, message }),
      });
      if (res.status !== 200) throw new Error(`REST webhook answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as BotMessage[];
    },
    async close() {
      await app.close();
      await agent.close();
    },
  };
}

/** A minimal project (payload messages only) with the given endpoints.yml. */
export function writeTinyProject(endpointsYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-actions-"));
  const files: Record<string, string> = {
    "config.yml": "recipe: default.v1\nlanguage: en\npipeline: []\npolicies:\n  - name: RulePolicy\n",
    "domain.yml": `version: "3.1"
intents: [greet, remind, EXTERNAL_wake_up]
responses:
  utter_greet:
    - text: "Hello!"
  utter_woke:
    - text: "Time is up!"
actions: [action_hello, action_set_reminder]
`,
    "data/nlu.yml": `version: "3.1"
nlu:
- intent: greet
  examples: |
    - hello
    - hi
- intent: remind
  examples: |
    - remind me
    - set a reminder
`,
    "data/rules.yml": `version: "3.1"
rules:
- rule: greet
  steps:
  - intent: greet
  - action: utter_greet
  - action: action_hello
- rule: remind
  steps:
  - intent: remind
  - action: action_set_reminder
- rule: woke
  steps:
  - intent: EXTERNAL_wake_up
  - action: utter_woke
`,
    "endpoints.yml": endpointsYaml,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
