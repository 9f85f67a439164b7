/**
 * The rooms service with a remote bot that is a real second Confab server (callback channel +
 * HTTP API), not a stand-in: the speaker reaches the bot in the message metadata, the speaker
 * slots are set over the HTTP API before the bot's turn, and the bot's reply, posted back by the
 * callback channel, appears in the room.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgent } from "../../src/agent/agent.js";
import { ChannelRegistry } from "../../src/channels/registry.js";
import { loadProject } from "../../src/config/index.js";
import { silentLogger } from "../../src/ports/index.js";
import { activeRoom, joinRoom, login, startTestRooms, waitFor } from "../../src/rooms/test-support.js";
import type { Received } from "../../src/rooms/test-support.js";
import { AgentHolder } from "../../src/server/agent-holder.js";
import { buildServer } from "../../src/server/app.js";
import { createAuthorizer } from "../../src/server/auth.js";
import { MemoryLockStore } from "../../src/stores/lock/memory-lock-store.js";
import { MemoryTrackerStore } from "../../src/stores/tracker/memory-tracker-store.js";
import { trainModel } from "../../src/training/train.js";

const TOKEN = "remote-secret";

// A bot whose reply names the last speaker: it can only be right if the slot was set before the turn.
const PROJECT: Record<string, string> = {
  "config.yml": `language: en
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
  - name: DIETClassifier
    epochs: 20
policies:
  - name: RulePolicy
`,
  "domain.yml": `version: "3.1"
intents: [greet]
slots:
  users: {type: any, mappings: [{type: custom}]}
  active_user: {type: text, influence_conversation: false, mappings: [{type: custom}]}
  last_message_sender: {type: text, influence_conversation: false, mappings: [{type: custom}]}
  bot_type: {type: text, influence_conversation: false, mappings: [{type: custom}]}
responses:
  utter_greet:
  - text: "Hello {last_message_sender}"
`,
  "data/nlu.yml": `version: "3.1"
nlu:
- intent: greet
  examples: |
    - hello
    - hi there
    - good morning
`,
  "data/rules.yml": `version: "3.1"
rules:
- rule: greet back
  steps:
  - intent: greet
  - action: utter_greet
`,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A Confab server as `confab run --enable-api --auth-token` serves it, with the callback channel. */
async function startRemoteConfab(root: string, port: number, callbackUrl: string) {
  const project = loadProject(root, {});
  const { model } = trainModel(project, { seed: 42 });
  const registry = ChannelRegistry.fromCredentials({ callback: { url: callbackUrl } }, silentLogger);
  const trackerStore = new MemoryTrackerStore();
  const holder = await AgentHolder.start(
    (m) =>
      startAgent({
        model: m,
        projectRoot: root,
        logger: silentLogger,
        trackerStore,
        lockStore: new MemoryLockStore(),
        random: () => 0,
        outputFor: (c) => registry.outputFor(c) ?? { name: "nowhere", sendResponse: () => Promise.resolve() },
      }),
    trackerStore,
    silentLogger,
    model,
  );
  const app = buildServer({
    handleMessage: holder.handleMessage,
    registry,
    api: {
      enableApi: true,
      legacyApi: false,
      context: {
        holder,
        authorize: createAuthorizer({ token: TOKEN }),
        outputFor: registry.outputFor,
        logger: silentLogger,
        modelDir: path.join(root, "models"),
        projectRoot: root,
      },
    },
  });
  await app.listen({ port, host: "127.0.0.1" });
  return {
    async close() {
      await app.close();
      await registry.close();
      await holder.close();
    },
  };
}

const botBodies = (received: Received[], link: string) =>
  received
    .filter((r) => r.event === "NEW_CHAT_MESSAGE_EVENT" && (r.payload as { senderId: string }).senderId === link)
    .map((r) => (r.payload as { body: string }).body);

describe("a room whose bot is a real remote Confab server", () => {
  let root: string;
  let rooms: Awaited<ReturnType<typeof startTestRooms>>;
  let remote: Awaited<ReturnType<typeof startRemoteConfab>>;
  let remoteUrl: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "confab-remote-bot-"));
    for (const [file, text] of Object.entries(PROJECT)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    // The two servers name each other: reserve the bot's port, start rooms, then the bot.
    const port = await freePort();
    remoteUrl = `http://127.0.0.1:${port}`;
    rooms = await startTestRooms({ bots: { Remote: { url: remoteUrl, token: TOKEN } } });
    remote = await startRemoteConfab(root, port, `${rooms.url}/api/rasa/bot`);
  }, 30_000);
  afterAll(async () => {
    await rooms?.close();
    await remote?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it("sends the speaker to the bot, sets the speaker slots over the HTTP API, shows the reply", async () => {
    const a = await login(rooms.url, "Rae", "pid-rae");
    const b = await login(rooms.url, "Sol", "pid-sol");
    const link = await activeRoom(rooms.url, a.token);
    await activeRoom(rooms.url, b.token);
    const A = await joinRoom(rooms.url, a.token, link, "Rae");
    const B = await joinRoom(rooms.url, b.token, link, "Sol");
    await fetch(`${rooms.url}/api/rooms/${link}/activate`);

    A.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "hello" });
    await waitFor(() => botBodies(B.received, link).length >= 1, 5000, "the remote bot's first reply");
    B.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "hi there" });
    await waitFor(() => botBodies(A.received, link).length >= 2, 5000, "the remote bot's second reply");
    expect(botBodies(A.received, link)).toEqual([`Hello ${a.id}`, `Hello ${b.id}`]);

    expect((await fetch(`${remoteUrl}/conversations/${link}/tracker`)).status).toBe(401);
    const res = await fetch(`${remoteUrl}/conversations/${link}/tracker?token=${TOKEN}`);
    expect(res.status).toBe(200);
    const tracker = (await res.json()) as {
      slots: Record<string, unknown>;
      events: { event: string; text?: string; metadata?: Record<string, unknown> }[];
    };
    expect(tracker.slots.bot_type).toBe("Remote");
    expect(tracker.slots.active_user).toBe(b.id);
    expect(tracker.slots.last_message_sender).toBe(b.id);
    expect(tracker.slots.users).toEqual({
      [a.id]: { id: a.id, name: "Rae", active: false },
      [b.id]: { id: b.id, name: "Sol", active: true },
    });
    const users = tracker.events.filter((e) => e.event === "user");
    expect(users.map((e) => [e.text, (e.metadata?.speaker as { name: string } | undefined)?.name])).toEqual([
      ["hello", "Rae"],
      ["hi there", "Sol"],
    ]);
    // Participant ids stay on the rooms side, even in what the remote bot stores.
    expect(JSON.stringify(tracker)).not.toContain("pid-rae");
    A.socket.close();
    B.socket.close();
  }, 15_000);
});
