/**
 * MCC's REST API (cookie session) and Confab's REST resume.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowRuntime } from "../../src/flows/runtime/index.js";
import { loadFlowProject } from "../../src/flows/project.js";
import { EXAMPLES } from "./support/transcripts.js";
import type { TestServer } from "./support/server.js";
import { serve } from "./support/server.js";

let runtime: FlowRuntime;
let server: TestServer;
beforeAll(async () => {
  runtime = await loadFlowProject(path.join(EXAMPLES, "name-nickname"), { store: "memory" });
  server = await serve(runtime);
});
afterAll(async () => {
  await server.close();
  await runtime.close();
});

const cookieOf = (headers: Record<string, unknown>) => String(headers["set-cookie"]).split(";")[0]!;

describe("REST", () => {
  it("GET /get_uid returns a fresh uuid4 as a JSON string", async () => {
    const a = await server.app.inject({ method: "GET", url: "/get_uid" });
    const b = await server.app.inject({ method: "GET", url: "/get_uid" });
    expect(JSON.parse(a.body)).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.body).not.toBe(b.body);
  });

  it("POST /init accepts the uid from JSON, a form or the query, and requires it", async () => {
    const welcome = "Would you like to insert the name or a nickname?";
    const json = await server.app.inject({ method: "POST", url: "/init", payload: { uid: "a" } });
    expect(JSON.parse(json.body).utterance).toBe(welcome);
    const form = await server.app.inject({
      method: "POST",
      url: "/init",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "uid=b",
    });
    expect(JSON.parse(form.body).utterance).toBe(welcome);
    const query = await server.app.inject({ method: "POST", url: "/init?uid=c" });
    expect(JSON.parse(query.body).utterance).toBe(welcome);
    const missing = await server.app.inject({ method: "POST", url: "/init", payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({
      message: { uid: "Missing required parameter in the JSON body or the post body or the query string" },
      error: { code: "missing_uid" },
    });
  });

  it("POST /event without a session, with a forged cookie, or with bad bodies answers errors", async () => {
    const none = await server.app.inject({
      method: "POST",
      url: "/event",
      payload: { type: "utterance", utterance: "x" },
    });
    expect(none.statusCode).toBe(401);
    expect(JSON.parse(none.body).error).toEqual({
      code: "not_initialized",
      message: "The user has not been initialized yet",
    });
    const init = await server.app.inject({ method: "POST", url: "/init", payload: { uid: "d" } });
    const cookie = cookieOf(init.headers);
    const forged = cookie.replace(/.\.?$/, (c) => (c === "A" ? "B" : "A"));
    const bad = await server.app.inject({ method: "POST", url: "/event", headers: { cookie: forged }, payload: {} });
    expect(bad.statusCode).toBe(401);
    const text = await server.app.inject({
      method: "POST",
      url: "/event",
      headers: { cookie, "content-type": "text/plain" },
      payload: "not json",
    });
    expect(JSON.parse(text.body).error.code).toBe("invalid_json");
    // MCC reads the body as JSON whatever the content type.
    const plain = await server.app.inject({
      method: "POST",
      url: "/event",
      headers: { cookie, "content-type": "text/plain" },
      payload: JSON.stringify({ type: "utterance", utterance: "name" }),
    });
    expect(JSON.parse(plain.body).utterance).toBe("Please insert your name");
    const unknown = await server.app.inject({
      method: "POST",
      url: "/event",
      headers: { cookie },
      payload: { type: "x" },
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.parse(unknown.body).error.code).toBe("unknown_type");
  });

  it("resumes an interaction over REST with its last reply", async () => {
    const init = await server.app.inject({ method: "POST", url: "/init", payload: { uid: "e" } });
    const interaction = String(init.headers["x-mcc-interaction"]);
    const cookie = cookieOf(init.headers);
    await server.app.inject({
      method: "POST",
      url: "/event",
      headers: { cookie },
      payload: { type: "data", payload: { name_nickname: "nickname" } },
    });
    // A new client (no cookie) continues the same interaction.
    const resume = await server.app.inject({ method: "POST", url: "/init", payload: { uid: "e", interaction } });
    expect(JSON.parse(resume.body)).toEqual({
      utterance: "Please insert your nickname",
      payload: { show_choose_name: false, show_choose_nickname: false },
    });
    const next = await server.app.inject({
      method: "POST",
      url: "/event",
      headers: { cookie: cookieOf(resume.headers) },
      payload: { type: "utterance", utterance: "Zed" },
    });
    expect(JSON.parse(next.body).utterance).toBe("Please insert your age");
    const wrong = await server.app.inject({ method: "POST", url: "/init", payload: { uid: "other", interaction } });
    expect(wrong.statusCode).toBe(404);
    expect(JSON.parse(wrong.body).error.code).toBe("unknown_interaction");
  });
});
