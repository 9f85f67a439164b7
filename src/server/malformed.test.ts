/**
 * Every route with a body answers malformed input with 400 and Rasa's error body, and a few
 * thousand random bodies never produce a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RASA_VERSION } from "../version.js";
import { startApiBot } from "./test-helpers.js";
import type { ApiBot } from "./test-helpers.js";

let bot: ApiBot;
beforeAll(async () => {
  bot = await startApiBot({
    legacyApi: true,
    credentials: { rest: null, callback: { url: "http://127.0.0.1:9/unreachable" } },
  });
  await bot.app.inject({
    method: "POST",
    url: "/webhooks/rest/webhook",
    payload: { sender: "known", message: "/greet" },
  });
});
afterAll(() => bot.close());

type Route = [method: "POST" | "PUT", url: string];
const ROUTES: Route[] = [
  ["POST", "/webhooks/rest/webhook"],
  ["POST", "/webhooks/callback/webhook"],
  ["POST", "/conversations/known/tracker/events"],
  ["PUT", "/conversations/known/tracker/events"],
  ["POST", "/conversations/known/execute"],
  ["POST", "/conversations/known/trigger_intent"],
  ["POST", "/conversations/known/messages"],
  ["POST", "/model/parse"],
  ["POST", "/model/predict"],
  ["PUT", "/model"],
  ["POST", "/model/train"],
  ["POST", "/model/test/stories"],
  ["POST", "/model/test/intents"],
  ["POST", "/conversations/known/parse"],
  ["POST", "/conversations/known/continue"],
  ["POST", "/conversations/known/respond"],
  ["PUT", "/conversations/known/tracker"],
];

function expectRasaError(res: { statusCode: number; json(): unknown }, code: number, route: string) {
  expect(res.statusCode, route).toBe(code);
  expect(res.json(), route).toMatchObject({
    version: RASA_VERSION,
    status: "failure",
    code,
    details: expect.any(Object),
  });
}

describe("malformed bodies", () => {
  it.each(ROUTES)("%s %s: broken JSON is a 400 with Rasa's body", async (method, url) => {
    const res = await bot.app.inject({
      method,
      url,
      headers: { "content-type": "application/json" },
      payload: '{"a": [',
    });
    expectRasaError(res, 400, url);
  });

  it.each(ROUTES)("%s %s: a JSON value of the wrong shape is a 400", async (method, url) => {
    for (const payload of ["42", '"text"', "[1, 2]", "null"]) {
      const res = await bot.app.inject({ method, url, headers: { "content-type": "application/json" }, payload });
      expectRasaError(res, 400, `${url} ${payload}`);
    }
  });
});

/** Small deterministic PRNG so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const KEYS = [
  "event",
  "name",
  "text",
  "sender",
  "message",
  "events",
  "entities",
  "value",
  "timestamp",
  "query",
  "executed_action",
  "model_file",
  "parse_data",
  "intent",
  "policy",
  "confidence",
  "metadata",
  "session_id",
  "data",
];
const WORDS = [
  "greet",
  "utter_greet",
  "action_listen",
  "slot",
  "user",
  "bot",
  "action",
  "restart",
  "reminder",
  "followup",
  "mood_great",
  "action_restart",
  "",
  "💥",
  "../etc/passwd",
  "null",
  "name",
];

function randomValue(r: () => number, depth = 0): unknown {
  const pick = r();
  if (depth > 3 || pick < 0.25) return WORDS[Math.floor(r() * WORDS.length)];
  if (pick < 0.35) return Math.floor(r() * 2e9) / (r() < 0.5 ? 1 : 1000) - 1e6;
  if (pick < 0.42) return r() < 0.5;
  if (pick < 0.47) return null;
  if (pick < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) obj[KEYS[Math.floor(r() * KEYS.length)]!] = randomValue(r, depth + 1);
  return obj;
}

describe("fuzz", () => {
  it("never answers 5xx to random bodies", async () => {
    const r = rng(20240607);
    const failures: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const [method, url] = ROUTES[i % ROUTES.length]!;
      const raw = r() < 0.1;
      const payload = raw
        ? Array.from({ length: Math.floor(r() * 20) }, () => String.fromCharCode(Math.floor(r() * 256))).join("")
        : JSON.stringify(randomValue(r));
      const res = await bot.app.inject({ method, url, headers: { "content-type": "application/json" }, payload });
      if (res.statusCode >= 500) failures.push(`${method} ${url} ${payload} → ${res.statusCode} ${res.body}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
