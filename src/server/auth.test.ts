import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiBot } from "./test-helpers.js";
import type { ApiBot } from "./test-helpers.js";

const SECRET = "a-long-enough-secret-for-hs256-tokens";
const sign = (user: Record<string, unknown>, secret = SECRET) =>
  new SignJWT({ user }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret));

let bot: ApiBot;
beforeAll(async () => {
  bot = await startApiBot({ auth: { token: "s3cret", jwtSecret: SECRET } });
});
afterAll(() => bot.close());

const get = (url: string, jwt?: string) =>
  bot.app.inject({ url, headers: jwt ? { authorization: `Bearer ${jwt}` } : {} });

describe("auth matrix (Rasa's requires_auth)", () => {
  it("answers 401 without credentials or with a bad token or a badly signed JWT", async () => {
    for (const res of [
      await get("/status"),
      await get("/status?token=wrong"),
      await get("/status", await sign({ username: "x", role: "admin" }, "another-secret-of-enough-length!!")),
      await get("/status", "not.a.jwt"),
    ]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({
        status: "failure",
        reason: "NotAuthenticated",
        message: "User is not authenticated.",
        code: 401,
      });
    }
  });

  it("lets the right token through anywhere", async () => {
    expect((await get("/status?token=s3cret")).statusCode).toBe(200);
    expect((await get("/conversations/anyone/tracker?token=s3cret")).statusCode).toBe(200);
  });

  it("lets a user JWT read only its own conversation", async () => {
    const jwt = await sign({ username: "alice", role: "user" });
    expect((await get("/conversations/alice/tracker", jwt)).statusCode).toBe(200);
    const other = await get("/conversations/bob/tracker", jwt);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({
      reason: "NotAuthorized",
      message: "User has insufficient permissions.",
      code: 403,
    });
    expect((await get("/status", jwt)).statusCode).toBe(403);
    expect((await get("/domain", jwt)).statusCode).toBe(403);
  });

  it("lets an admin JWT call everything; a token without a role is refused", async () => {
    const admin = await sign({ username: "root", role: "admin" });
    expect((await get("/status", admin)).statusCode).toBe(200);
    expect((await get("/conversations/bob/tracker", admin)).statusCode).toBe(200);
    expect((await get("/status", await sign({ username: "root" }))).statusCode).toBe(403);
  });

  it("keeps the root, version and channel webhooks open", async () => {
    expect((await get("/")).statusCode).toBe(200);
    expect((await get("/version")).statusCode).toBe(200);
    const res = await bot.app.inject({
      method: "POST",
      url: "/webhooks/rest/webhook",
      payload: { sender: "open", message: "/greet" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0].text).toContain("How are you feeling");
  });
});
