import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiBot } from "../server/test-helpers.js";
import type { ApiBot } from "../server/test-helpers.js";

let bot: ApiBot;
beforeAll(async () => {
  bot = await startApiBot({ enableApi: false, legacyApi: true, auth: { token: "t" } });
});
afterAll(() => bot.close());

const post = (url: string, payload: Record<string, unknown>) =>
  bot.app.inject({ method: "POST", url: `${url}?token=t`, payload });

describe("rasa_core 0.x API (remote-action mode)", () => {
  it("drives a conversation where the client runs the actions", async () => {
    const parsed = await post("/conversations/old/parse", { query: "/greet" });
    expect(parsed.statusCode).toBe(200);
    expect(parsed.json().next_action).toBe("utter_greet");
    expect(parsed.json().tracker.latest_message.intent.name).toBe("greet");
    const cont = await post("/conversations/old/continue", {
      executed_action: "utter_greet",
      events: [{ event: "slot", name: "name", value: "Ada" }],
    });
    expect(cont.json().next_action).toBe("action_listen");
    expect(cont.json().tracker.slots.name).toBe("Ada");
    const list = await bot.app.inject({ url: "/conversations?token=t" });
    expect(list.json()).toContain("old");
  });

  it("responds with the bot messages when the server runs the actions", async () => {
    const res = await post("/conversations/old2/respond", { q: "/greet" });
    expect(res.json()[0]).toMatchObject({ recipient_id: "old2", text: expect.stringContaining("How are you") });
  });

  it("requires the token and rejects a body without a query", async () => {
    const res = await bot.app.inject({ method: "POST", url: "/conversations/x/parse", payload: { query: "hi" } });
    expect(res.statusCode).toBe(401);
    const bad = await post("/conversations/x/parse", { text: "hi" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe("Invalid parse parameter specified.");
    expect((await bot.app.inject({ url: "/status?token=t" })).statusCode).toBe(404);
  });
});
