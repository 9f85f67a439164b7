import { afterEach, describe, expect, it } from "vitest";
import { freePort, startStub } from "../../../src/actions/remote/test-helpers.js";
import type { StubAnswer, StubServer } from "../../../src/actions/remote/test-helpers.js";
import type { Event } from "../../../src/model/index.js";
import { startHttpBot, writeTinyProject } from "./http-bot.js";
import type { HttpBot } from "./http-bot.js";

let bot: HttpBot | null = null;
let stub: StubServer | null = null;
afterEach(async () => {
  await bot?.close();
  await stub?.close();
  bot = stub = null;
});

const names = (events: readonly Event[]) =>
  events.map((e) =>
    e.event === "action" || e.event === "action_execution_rejected" ? `${e.event}:${e.name}` : e.event,
  );

async function greetTwice(url: string) {
  bot = await startHttpBot(writeTinyProject(`action_endpoint:\n  url: ${url}\n  timeout: 0.3\n`));
  const first = await bot.say("u", "/greet");
  const second = await bot.say("u", "/greet");
  const tracker = await bot.agent.processor.fetchTracker("u");
  return { first, second, events: tracker.events, codes: bot.logs.codes() };
}

describe("action server faults, through a real bot over HTTP", () => {
  it("a working action server adds its message after the domain response", async () => {
    stub = await startStub(() => ({ body: { events: [], responses: [{ text: "from the server" }] } }));
    const { first } = await greetTwice(`${stub.url}/webhook`);
    expect(first.map((m) => m.text)).toEqual(["Hello!", "from the server"]);
  });

  it.each([
    [
      "404",
      { status: 404, body: { error: "No registered action found for name 'action_hello'." } },
      "CONFAB_ERR_ACTION_NOT_FOUND",
    ],
    ["500", { status: 500, body: { error: "boom" } }, "CONFAB_ERR_ACTION_SERVER_ERROR"],
    ["garbage", { body: "%%% not json" }, "CONFAB_ERR_ACTION_SERVER_RESPONSE"],
    ["slow", { body: { events: [] }, delayMs: 1500 }, "CONFAB_ERR_ACTION_SERVER_TIMEOUT"],
  ] as [string, StubAnswer, string][])(
    "%s: the user still gets the domain response, action and user events are kept",
    async (_, answer, code) => {
      stub = await startStub(() => answer);
      const { first, second, events, codes } = await greetTwice(`${stub.url}/webhook`);
      expect(first.map((m) => m.text)).toEqual(["Hello!"]);
      expect(second.map((m) => m.text)).toEqual(["Hello!"]);
      expect(codes.filter((c) => c === code)).toHaveLength(2);
      const seq = names(events).filter((n) => n !== "user_featurization");
      expect(seq.filter((n) => n === "user")).toHaveLength(2);
      expect(seq.filter((n) => n === "action:action_hello")).toHaveLength(2);
    },
  );

  it("down: connection refused is logged and the conversation continues", async () => {
    const { first, second, events, codes } = await greetTwice(`http://127.0.0.1:${await freePort()}/webhook`);
    expect([...first, ...second].map((m) => m.text)).toEqual(["Hello!", "Hello!"]);
    expect(codes).toContain("CONFAB_ERR_ACTION_SERVER_UNREACHABLE");
    expect(names(events)).toContain("action:action_hello");
  });

  it("400: the action is rejected (logged as action_execution_rejected) and the bot still answers", async () => {
    stub = await startStub(() => ({ status: 400, body: { error: "no", action_name: "action_hello" } }));
    const { first, events } = await greetTwice(`${stub.url}/webhook`);
    expect(first[0]?.text).toBe("Hello!");
    expect(names(events)).toContain("action_execution_rejected:action_hello");
    expect(names(events).filter((n) => n === "user")).toHaveLength(2);
  });
});
