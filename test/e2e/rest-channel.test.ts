/**
 * The REST channel and root routes behave like Rasa's (`rasa-protocol.md` §1.3, §2.2), and bad
 * input never takes the server down.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, RASA_FIXTURES } from "../../src/testing/fixtures.js";
import { startTestBot } from "../../src/testing/test-server.js";
import type { TestBot } from "../../src/testing/test-server.js";
import { RASA_VERSION } from "../../src/version.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot(copyProject(path.join(RASA_FIXTURES, "moodbot")));
});
afterAll(() => bot.close());

const rasaError = (code: number, reason: string) => ({
  version: expect.stringMatching(/^3\.6\./),
  status: "failure",
  message: expect.any(String),
  reason,
  details: {},
  help: null,
  code,
});

describe("root routes", () => {
  it("GET / answers Rasa's plain greeting, so health checks written for Rasa pass", async () => {
    const res = await bot.app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.body).toBe(`Hello from Rasa: ${RASA_VERSION}`);
  });

  it("GET /version reports the Rasa version whose protocols are spoken", async () => {
    const res = await bot.app.inject({ method: "GET", url: "/version" });
    expect(res.json()).toMatchObject({
      version: expect.stringMatching(/^3\.6\./),
      minimum_compatible_version: expect.any(String),
    });
  });

  it("GET /webhooks/rest/ is the channel health check", async () => {
    const res = await bot.app.inject({ method: "GET", url: "/webhooks/rest/" });
    expect(res.json()).toEqual({ status: "ok" });
  });
});

describe("POST /webhooks/rest/webhook", () => {
  it("uses sender 'default' when none is given and passes metadata on to the user event", async () => {
    const res = await bot.app.inject({
      method: "POST",
      url: "/webhooks/rest/webhook",
      payload: { message: "hello", metadata: { page: "home" } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0].recipient_id).toBe("default");
    const tracker = await bot.agent.processor.fetchTracker("default");
    const user = tracker.events.find((e) => e.event === "user");
    expect(user?.metadata).toEqual({ page: "home" });
    expect(user?.event === "user" && user.input_channel).toBe("rest");
  });

  it.each([
    ["malformed JSON", "{not json", "application/json"],
    ["a missing message", JSON.stringify({ sender: "x" }), "application/json"],
    ["a non-string message", JSON.stringify({ sender: "x", message: 42 }), "application/json"],
    ["an array body", JSON.stringify([1, 2]), "application/json"],
    ["metadata that is not an object", JSON.stringify({ message: "hi", metadata: "x" }), "application/json"],
  ])("answers 400 with Rasa's error body for %s", async (_name, payload, contentType) => {
    const res = await bot.app.inject({
      method: "POST",
      url: "/webhooks/rest/webhook",
      payload,
      headers: { "content-type": contentType },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual(rasaError(400, "BadRequest"));
  });

  it("reads a JSON body sent without a JSON content type, as `curl -d` sends it", async () => {
    const res = await bot.app.inject({
      method: "POST",
      url: "/webhooks/rest/webhook",
      payload: JSON.stringify({ sender: "curl", message: "hi" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0].text).toBe("Hey! How are you?");
  });

  it("keeps serving after bad requests", async () => {
    await bot.app.inject({
      method: "POST",
      url: "/webhooks/rest/webhook",
      payload: "{",
      headers: { "content-type": "application/json" },
    });
    expect((await bot.say("after-bad", "hi"))[0]?.text).toBe("Hey! How are you?");
  });

  it("answers unknown routes with Rasa's 404 body", async () => {
    const res = await bot.app.inject({ method: "GET", url: "/nope" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(rasaError(404, "NotFound"));
  });

  it("handles empty text, 10 kB of text and emoji without failing", async () => {
    for (const message of ["", "   ", "x".repeat(10_000), "😀🙈 héllo 你好"]) {
      const res = await bot.app.inject({
        method: "POST",
        url: "/webhooks/rest/webhook",
        payload: { sender: "odd", message },
      });
      expect(res.statusCode).toBe(200);
      expect(Array.isArray(res.json())).toBe(true);
    }
  });

  it("processes concurrent messages of one conversation one at a time, in order", async () => {
    const texts = ["hi", "/mood_unhappy", "/affirm"];
    await Promise.all(texts.map((m) => bot.say("concurrent", m)));
    const tracker = await bot.agent.processor.fetchTracker("concurrent");
    const userTexts = tracker.events.flatMap((e) => (e.event === "user" ? [e.text] : []));
    expect(userTexts).toEqual(texts);
    const actions = tracker.events.flatMap((e) => (e.event === "action" ? [e.name] : []));
    expect(actions).toContain("utter_happy");
  });
});
