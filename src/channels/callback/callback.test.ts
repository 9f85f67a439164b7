import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiBot } from "../../server/test-helpers.js";
import type { ApiBot } from "../../server/test-helpers.js";

let received: { headers: http.IncomingHttpHeaders; url: string; body: unknown }[] = [];
let receiver: http.Server;
let bot: ApiBot;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, url: req.url ?? "", body: JSON.parse(body) });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const port = (receiver.address() as AddressInfo).port;
  bot = await startApiBot({
    credentials: {
      rest: null,
      callback: {
        url: `http://127.0.0.1:${port}/bot`,
        headers: { "x-bot": "moodbot" },
        basic_auth: { username: "u", password: "p" },
      },
    },
  });
});
afterAll(async () => {
  await bot.close();
  receiver.close();
});

describe("callback channel", () => {
  it("answers 'success' and POSTs each bot message on its own", async () => {
    await bot.app.inject({
      method: "POST",
      url: "/webhooks/callback/webhook",
      payload: { sender: "cb", message: "/greet" },
    });
    received = [];
    const res = await bot.app.inject({
      method: "POST",
      url: "/webhooks/callback/webhook",
      payload: { sender: "cb", message: "/mood_unhappy" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("success");
    expect(received.map((r) => r.body)).toEqual([
      { recipient_id: "cb", text: "Sorry to hear that. Maybe this calm little picture helps:" },
      { recipient_id: "cb", image: "https://picsum.photos/seed/confab/400/300" },
      { recipient_id: "cb", text: "Did that make things a bit better?" },
    ]);
    expect(received[0]!.headers["x-bot"]).toBe("moodbot");
    expect(received[0]!.headers.authorization).toBe(`Basic ${Buffer.from("u:p").toString("base64")}`);
  });

  it("is the output channel for trigger_intent with output_channel=latest, and execute_side_effects", async () => {
    received = [];
    const res = await bot.app.inject({
      method: "POST",
      url: "/conversations/cb/trigger_intent?output_channel=latest",
      payload: { name: "greet" },
    });
    expect(res.json().messages).toBeUndefined();
    expect((received[0]!.body as { text: string }).text).toContain("How are you feeling");
    received = [];
    await bot.app.inject({
      method: "POST",
      url: "/conversations/cb/tracker/events?output_channel=callback&execute_side_effects=true",
      payload: { event: "bot", text: "pushed", data: {} },
    });
    expect(received.map((r) => r.body)).toEqual([{ recipient_id: "cb", text: "pushed" }]);
  });

  it("falls back to collecting when the channel cannot push (rest)", async () => {
    const res = await bot.app.inject({
      method: "POST",
      url: "/conversations/cb2/trigger_intent?output_channel=rest",
      payload: { name: "greet" },
    });
    expect(res.json().messages[0].text).toContain("How are you feeling");
  });
});

describe("REST ?stream=true", () => {
  it("streams one JSON object per line", async () => {
    await bot.app.inject({
      method: "POST",
      url: "/webhooks/rest/webhook",
      payload: { sender: "st", message: "/greet" },
    });
    const res = await bot.app.inject({
      method: "POST",
      url: "/webhooks/rest/webhook?stream=true",
      payload: { sender: "st", message: "/mood_unhappy" },
    });
    expect(res.headers["content-type"]).toContain("text/event-stream");
    const lines = res.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toEqual({ recipient_id: "st", image: "https://picsum.photos/seed/confab/400/300" });
  });
});
