import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDomain } from "../config/index.js";
import { RASA_FIXTURES } from "../testing/fixtures.js";
import { buildNlgServer } from "./nlg-http-server.js";

const domain = loadDomain(path.join(RASA_FIXTURES, "formbot/domain.yml")).domain;
const app = buildNlgServer(domain, { token: "t" });

const ask = (body: unknown, token = "t") =>
  app.inject({ method: "POST", url: `/nlg?token=${token}`, payload: body as object });

describe("confab nlg-server", () => {
  it("renders a domain response with slots from the tracker and arguments first", async () => {
    const tracker = {
      sender_id: "u",
      slots: { cuisine: "greek", num_people: 2, outdoor_seating: null, preferences: null, feedback: null },
    };
    const res = await ask({
      response: "utter_slots_values",
      arguments: { feedback: "ok" },
      tracker,
      channel: { name: "rest" },
    });
    expect(res.statusCode).toBe(200);
    const text = res.json<{ text: string }>().text;
    expect(text).toContain("cuisine: greek");
    expect(text).toContain("feedback: ok");
    expect(text).toContain("preferences: None");
    expect(Object.keys(res.json())).toEqual(["text"]);
  });

  it("answers 404 for unknown responses, 400 for bad bodies, 401 without the token", async () => {
    expect((await ask({ response: "utter_nope", tracker: { slots: {} } })).statusCode).toBe(404);
    expect((await ask({ arguments: {} })).statusCode).toBe(400);
    expect((await ask({ response: "utter_submit" }, "wrong")).statusCode).toBe(401);
    expect((await ask({ template: "utter_submit" })).json()).toEqual({ text: "All done!" });
  });
});
