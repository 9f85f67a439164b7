import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, startStub } from "../../../src/actions/remote/test-helpers.js";
import type { StubServer } from "../../../src/actions/remote/test-helpers.js";
import { defineAction, reminderCancelled, reminderScheduled, startActionServer } from "../../../src/sdk/index.js";
import type { RunningActionServer } from "../../../src/sdk/index.js";
import { SqliteTrackerStore } from "../../../src/stores/tracker/sqlite-tracker-store.js";
import { startHttpBot, writeTinyProject } from "./http-bot.js";
import type { HttpBot } from "./http-bot.js";

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const track = <T extends { close(): Promise<unknown> }>(x: T): T => (cleanup.push(() => x.close()), x);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sdkServer(delayMs: number, cancel = false): Promise<RunningActionServer> {
  const setReminder = defineAction({
    name: "action_set_reminder",
    run: ({ dispatcher }) => {
      dispatcher.text("I will remind you");
      return [
        reminderScheduled("EXTERNAL_wake_up", new Date(Date.now() + delayMs), {
          name: "wake",
          killOnUserMessage: false,
        }),
      ];
    },
  });
  const hello = defineAction({
    name: "action_hello",
    run: () => (cancel ? [reminderCancelled({ name: "wake" })] : []),
  });
  return track(await startActionServer([setReminder, hello], { port: 0, host: "127.0.0.1" }));
}

describe("reminders set by an action", () => {
  it("fire after the bot restarts in between (persisted in the tracker store)", async () => {
    const actions = await sdkServer(1500);
    const root = writeTinyProject(`action_endpoint:\n  url: ${actions.url}/webhook\n`);
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "confab-rem-")), "trackers.db");

    const first = await startHttpBot(root, { trackerStore: new SqliteTrackerStore(db) });
    expect((await first.say("u", "/remind")).map((m) => m.text)).toEqual(["I will remind you"]);
    await first.close();

    const second: HttpBot = track(await startHttpBot(root, { trackerStore: new SqliteTrackerStore(db) }));
    await sleep(2200);
    expect(first.pushed).toEqual([]);
    expect(second.pushed.map((p) => [p.sender, p.bot.text])).toEqual([["u", "Time is up!"]]);
    const users = (await second.agent.processor.fetchTracker("u")).events.filter((e) => e.event === "user");
    expect(users.at(-1)).toMatchObject({ text: "EXTERNAL: EXTERNAL_wake_up", metadata: { is_external: true } });

    // Fired once: a third start does not fire it again.
    await second.close();
    const third = track(await startHttpBot(root, { trackerStore: new SqliteTrackerStore(db) }));
    await sleep(300);
    expect(third.pushed).toEqual([]);
  });

  it("a cancel_reminder from a later action stops it", async () => {
    const actions = await sdkServer(800, true);
    const bot = track(await startHttpBot(writeTinyProject(`action_endpoint:\n  url: ${actions.url}/webhook\n`)));
    await bot.say("u", "/remind");
    await bot.say("u", "/greet");
    await sleep(1200);
    expect(bot.pushed).toEqual([]);
  });
});

describe("NLG server", () => {
  let nlg: StubServer | null = null;
  afterEach(async () => nlg?.close());

  it("rewrites every response, including those requested by custom actions", async () => {
    nlg = await startStub((req) => {
      const body = req.body as { response: string; arguments: Record<string, unknown>; channel: { name: string } };
      return { body: { text: `[${body.channel.name}] ${body.response} ${JSON.stringify(body.arguments)}` } };
    });
    const actions = track(
      await startActionServer(
        [
          defineAction({
            name: "action_hello",
            run: ({ dispatcher }) => dispatcher.response("utter_woke", { who: "you" }),
          }),
        ],
        {
          port: 0,
          host: "127.0.0.1",
        },
      ),
    );
    const bot = track(
      await startHttpBot(
        writeTinyProject(`action_endpoint:\n  url: ${actions.url}/webhook\nnlg:\n  url: ${nlg.url}/nlg\n`),
      ),
    );
    const out = await bot.say("u", "/greet");
    expect(out.map((m) => m.text)).toEqual([
      "[collector] utter_greet {}",
      '[collector] utter_woke {"text":null,"buttons":[],"elements":[],"custom":{},"image":null,"attachment":null,"who":"you"}',
    ]);
    const request = nlg.requests[0]!.body as Record<string, unknown>;
    expect(Object.keys(request).sort()).toEqual(["arguments", "channel", "id", "response", "tracker"]);
    expect((request.tracker as { sender_id: string }).sender_id).toBe("u");
  });

  it("down: the domain's own response is sent and the failure is logged", async () => {
    const bot = track(
      await startHttpBot(writeTinyProject(`nlg:\n  url: http://127.0.0.1:${await freePort()}/nlg\n  timeout: 1\n`)),
    );
    const out = await bot.say("u", "/greet");
    expect(out.map((m) => m.text)).toEqual(["Hello!"]);
    expect(bot.logs.codes()).toContain("CONFAB_ERR_NLG_SERVER");
  });

  it("an invalid answer falls back the same way; an empty answer sends nothing", async () => {
    let answer: unknown = { text: 42 };
    nlg = await startStub(() => ({ body: answer }));
    const bot = track(await startHttpBot(writeTinyProject(`nlg:\n  url: ${nlg.url}/nlg\n`)));
    expect((await bot.say("u", "/greet")).map((m) => m.text)).toEqual(["Hello!"]);
    answer = "";
    expect(await bot.say("u", "/greet")).toEqual([]);
  });
});
