import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeModel } from "../model-archive/archive.js";
import { RASA_VERSION } from "../version.js";
import { callbackReceiver, startApiBot } from "./test-helpers.js";
import type { ApiBot } from "./test-helpers.js";

let bot: ApiBot;
beforeAll(async () => {
  bot = await startApiBot();
});
afterAll(() => bot.close());

const say = (sender: string, message: string) =>
  bot.app.inject({ method: "POST", url: "/webhooks/rest/webhook", payload: { sender, message } });

describe("conversation routes", () => {
  it("shows a new conversation with its session start without saving it", async () => {
    const res = await bot.app.inject({ url: "/conversations/fresh/tracker" });
    expect(res.statusCode).toBe(200);
    const names = res.json().events.map((e: { event: string; name?: string }) => e.name ?? e.event);
    expect(names).toEqual(["action_session_start", "session_started", "action_listen"]);
    const story = await bot.app.inject({ url: "/conversations/fresh/story" });
    expect(story.statusCode).toBe(404);
    expect(story.json()).toMatchObject({ reason: "Not found", message: "Conversation ID not found.", code: 404 });
  });

  it("accepts conversation ids with slashes, raw or encoded", async () => {
    await say("team/alice", "/greet");
    for (const url of ["/conversations/team/alice/tracker", "/conversations/team%2Falice/tracker"]) {
      const res = await bot.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.json().sender_id).toBe("team/alice");
      expect(res.json().latest_message.intent.name).toBe("greet");
    }
  });

  it("rejects an unknown include_events with Rasa's message", async () => {
    const res = await bot.app.inject({ url: "/conversations/x/tracker?include_events=some" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      version: RASA_VERSION,
      status: "failure",
      reason: "BadRequest",
      message: "Invalid parameter value for 'include_events'. Should be one of ALL, APPLIED, AFTER_RESTART, NONE",
      details: { parameter: "include_events", in: "query" },
      code: 400,
    });
  });

  it("appends one event or many, and replaces them all with PUT", async () => {
    const one = await bot.app.inject({
      method: "POST",
      url: "/conversations/ev/tracker/events",
      payload: { event: "slot", name: "name", value: "Ada" },
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().slots.name).toBe("Ada");
    expect(one.json().events[0].name).toBe("action_session_start");
    const put = await bot.app.inject({
      method: "PUT",
      url: "/conversations/ev/tracker/events?include_events=ALL",
      payload: [{ event: "slot", name: "name", value: "Grace" }],
    });
    expect(put.json().events).toHaveLength(1);
    expect(put.json().slots.name).toBe("Grace");
  });

  it("triggers an intent and returns the collected messages; unknown intents are 404", async () => {
    const res = await bot.app.inject({
      method: "POST",
      url: "/conversations/trig/trigger_intent",
      payload: { name: "greet", entities: { name: "Ada" } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().messages[0].text).toContain("How are you feeling");
    expect(res.json().tracker.latest_message.text).toBe("EXTERNAL: greet");
    const missing = await bot.app.inject({
      method: "POST",
      url: "/conversations/trig/trigger_intent",
      payload: { name: "order_pizza" },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      reason: "NotFound",
      message: "The intent order_pizza does not exist in the domain.",
    });
  });

  it("executes an action in an existing conversation only", async () => {
    const missing = await bot.app.inject({
      method: "POST",
      url: "/conversations/nobody/execute",
      payload: { name: "utter_greet" },
    });
    expect(missing.statusCode).toBe(404);
    await say("exec", "/greet");
    const res = await bot.app.inject({
      method: "POST",
      url: "/conversations/exec/execute",
      payload: { name: "utter_happy" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().messages).toEqual([
      { recipient_id: "exec", text: "That's lovely to hear. Keep that good energy going!" },
    ]);
    const noName = await bot.app.inject({ method: "POST", url: "/conversations/exec/execute", payload: {} });
    expect(noName.json()).toMatchObject({ code: 400, message: "Name of the action not provided in request body." });
  });

  it("predicts with every domain action scored, the winner first", async () => {
    await say("pred", "/greet");
    await bot.app.inject({
      method: "POST",
      url: "/conversations/pred/messages",
      payload: { text: "/mood_great", sender: "user" },
    });
    const res = await bot.app.inject({ method: "POST", url: "/conversations/pred/predict" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scores[0]).toEqual({ action: "utter_happy", score: body.confidence });
    expect(body.scores.slice(1).every((s: { score: number }) => s.score === 0)).toBe(true);
    const rest = body.scores.slice(1).map((s: { action: string }) => s.action);
    expect(rest).toEqual([...rest].sort());
    expect(body.policy).toMatch(/Policy$/);
  });

  it("logs a message without predicting; only sender 'user' is accepted", async () => {
    const res = await bot.app.inject({
      method: "POST",
      url: "/conversations/msg/messages",
      payload: { text: "/greet", sender: "user" },
    });
    expect(res.json().latest_message.intent.name).toBe("greet");
    expect(res.json().latest_action_name).toBe("action_listen");
    const bot2 = await bot.app.inject({
      method: "POST",
      url: "/conversations/msg/messages",
      payload: { text: "hi", sender: "bot" },
    });
    expect(bot2.json()).toMatchObject({
      code: 400,
      message:
        "Currently, only user messages can be passed to this endpoint. Messages of sender 'bot' cannot be handled.",
      details: { parameter: "sender", in: "body" },
    });
  });

  it("exports the conversation as a test story", async () => {
    await say("story", "/greet");
    await say("story", "/mood_great");
    const res = await bot.app.inject({ url: "/conversations/story/story" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("- story: story");
    expect(res.body).toMatch(
      /intent: greet[\s\S]*action: utter_greet[\s\S]*intent: mood_great[\s\S]*action: utter_happy/,
    );
  });
});

describe("model routes", () => {
  it("parses text, reports status and the domain in JSON or YAML", async () => {
    const parse = await bot.app.inject({ method: "POST", url: "/model/parse", payload: { text: "/greet" } });
    expect(parse.json()).toMatchObject({ text: "/greet", intent: { name: "greet", confidence: 1 } });
    const status = await bot.app.inject({ url: "/status" });
    expect(status.json()).toMatchObject({ num_active_training_jobs: 0 });
    expect(typeof status.json().model_id).toBe("string");
    const json = await bot.app.inject({ url: "/domain", headers: { accept: "application/json" } });
    expect(JSON.stringify(json.json().intents)).toContain("greet");
    const yaml = await bot.app.inject({ url: "/domain", headers: { accept: "application/x-yaml" } });
    expect(yaml.headers["content-type"]).toContain("application/x-yaml");
    expect(yaml.body).toContain("utter_greet");
    const other = await bot.app.inject({ url: "/domain", headers: { accept: "text/html" } });
    expect(other.statusCode).toBe(406);
    expect(other.json().reason).toBe("NotAcceptable");
  });

  it("predicts on a temporary tracker built from events", async () => {
    const res = await bot.app.inject({
      method: "POST",
      url: "/model/predict",
      payload: [
        { event: "action", name: "action_listen" },
        { event: "user", text: "/greet", parse_data: { intent: { name: "greet", confidence: 1 }, entities: [] } },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().scores[0].action).toBe("utter_greet");
    expect(res.json().tracker.sender_id).toBe("default");
  });

  it("answers 409 after DELETE /model and serves again after PUT /model", async () => {
    const file = bot.holder.agent!.model;
    expect((await bot.app.inject({ method: "DELETE", url: "/model" })).statusCode).toBe(204);
    const conflict = await bot.app.inject({ url: "/status" });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({
      reason: "Conflict",
      message: "No agent loaded. To continue processing, a model of a trained agent needs to be loaded.",
    });
    const missing = await bot.app.inject({ method: "PUT", url: "/model", payload: { model_file: "nope.tar.gz" } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe("Agent with name 'nope.tar.gz' could not be loaded.");
    await bot.holder.load(file);
    expect((await bot.app.inject({ url: "/status" })).statusCode).toBe(200);
  });

  it("PUT /model with remote_storage: aws reads model_file from the S3 bucket", async () => {
    const archive = serializeModel(bot.holder.agent!.model);
    const modelId = bot.holder.agent!.model.metadata.model_id;
    const requested: string[] = [];
    const s3 = http.createServer((req, res) => {
      requested.push(req.url ?? "");
      if (!String(req.headers.authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKID/"))
        return void res.writeHead(403).end();
      if (req.url === "/bots/models/moodbot.tar.gz") return void res.end(archive);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => s3.listen(0, "127.0.0.1", resolve));
    const env = {
      BUCKET_NAME: "bots",
      AWS_ENDPOINT_URL: `http://127.0.0.1:${(s3.address() as AddressInfo).port}`,
      AWS_ACCESS_KEY_ID: "AKID",
      AWS_SECRET_ACCESS_KEY: "secret",
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const put = (payload: object) => bot.app.inject({ method: "PUT", url: "/model", payload });
    try {
      await bot.app.inject({ method: "DELETE", url: "/model" });
      // Rasa's persistors add `.tar.gz` to a model name without it.
      expect((await put({ model_file: "models/moodbot", remote_storage: "aws" })).statusCode).toBe(204);
      expect(requested).toEqual(["/bots/models/moodbot.tar.gz"]);
      expect((await bot.app.inject({ url: "/status" })).json().model_id).toBe(modelId);
      const missing = await put({ model_file: "models/other.tar.gz", remote_storage: "aws" });
      expect(missing.statusCode).toBe(500);
      expect(missing.json()).toMatchObject({
        reason: "LoadingError",
        message: "An unexpected error occurred. Error: S3 answered 404 for s3://bots/models/other.tar.gz",
      });
      const gcs = await put({ model_file: "models/moodbot.tar.gz", remote_storage: "gcs" });
      expect(gcs.statusCode).toBe(400);
      expect(gcs.json().details).toEqual({ parameter: "remote_storage", in: "body" });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      s3.close();
    }
  });

  it("serves its OpenAPI description", async () => {
    const res = await bot.app.inject({ url: "/openapi.json" });
    expect(res.json().paths["/conversations/{conversation_id}/tracker"].get.operationId).toBe("getConversationTracker");
  });

  it("trains a model from one YAML document and answers the archive", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-train-api-"));
    const modelBot = await startApiBot({ modelDir: dir });
    try {
      const yaml = [
        'version: "3.1"',
        "intents: [greet]",
        "responses:",
        "  utter_greet:",
        '  - text: "hi!"',
        "nlu:",
        "- intent: greet",
        "  examples: |",
        "    - hello",
        "    - hi there",
        "rules:",
        "- rule: greet",
        "  steps:",
        "  - intent: greet",
        "  - action: utter_greet",
      ].join("\n");
      const res = await modelBot.app.inject({
        method: "POST",
        url: "/model/train",
        headers: { "content-type": "application/x-yaml" },
        payload: yaml,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/octet-stream");
      expect(fs.readdirSync(dir)).toEqual([res.headers.filename]);
      expect(res.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      const put = await modelBot.app.inject({
        method: "PUT",
        url: "/model",
        payload: { model_file: path.join(dir, String(res.headers.filename)) },
      });
      expect(put.statusCode).toBe(204);
      const parse = await modelBot.app.inject({ method: "POST", url: "/model/parse", payload: { text: "hello" } });
      expect(parse.json().intent.name).toBe("greet");
      const bad = await modelBot.app.inject({
        method: "POST",
        url: "/model/train",
        headers: { "content-type": "application/x-yaml" },
        payload: "intents: [",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/^The request body does not contain valid YAML\. Error:/);
      const callback = await callbackReceiver();
      try {
        const later = await modelBot.app.inject({
          method: "POST",
          url: `/model/train?save_to_default_model_directory=false&callback_url=${callback.url}`,
          headers: { "content-type": "application/x-yaml" },
          payload: yaml,
        });
        expect(later.statusCode).toBe(204);
        const { contentType, body } = await callback.received;
        expect(contentType).toBe("application/octet-stream");
        expect(body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
        expect(fs.readdirSync(dir)).toHaveLength(1);
      } finally {
        callback.close();
      }
    } finally {
      await modelBot.close();
    }
  });

  it("evaluates test stories and lists every predicted action", async () => {
    const stories = [
      "stories:",
      "- story: happy",
      "  steps:",
      "  - intent: greet",
      "  - action: utter_greet",
      "  - intent: mood_great",
      "  - action: utter_happy",
      "- story: wrong on purpose",
      "  steps:",
      "  - intent: greet",
      "  - action: utter_goodbye",
    ].join("\n");
    const res = await bot.app.inject({
      method: "POST",
      url: "/model/test/stories",
      headers: { "content-type": "application/x-yaml" },
      payload: stories,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ is_end_to_end_evaluation: false });
    expect(res.json().report.conversation_accuracy).toMatchObject({ correct: 1, total: 2 });
    expect(res.json().accuracy).toBeLessThan(1);
    const actions = res.json().actions as { action: string; predicted: string; policy: string; confidence: number }[];
    // The story's wrong step is the first miss; after it the bot is off script and falls back.
    expect(actions.find((a) => a.action !== a.predicted)).toEqual({
      action: "utter_goodbye",
      predicted: "utter_greet",
      policy: expect.stringMatching(/^policy_\d+_/),
      confidence: 1,
    });
    // Rasa's key; every action here comes from a memorising policy.
    expect(res.json().in_training_data_fraction).toBeGreaterThan(0);
  });

  it("?e2e=true also scores the NLU's intent on each user message", async () => {
    const stories = [
      "stories:",
      "- story: greeting labelled goodbye",
      "  steps:",
      "  - user: |",
      "      hello",
      "    intent: goodbye",
      "  - action: utter_goodbye",
    ].join("\n");
    const ask = (query: string) =>
      bot.app.inject({
        method: "POST",
        url: `/model/test/stories${query}`,
        headers: { "content-type": "application/x-yaml" },
        payload: stories,
      });
    const plain = (await ask("")).json();
    expect(plain.report.conversation_accuracy).toMatchObject({ correct: 1, total: 1 });
    const e2e = (await ask("?e2e=true")).json();
    expect(e2e.is_end_to_end_evaluation).toBe(true);
    expect(e2e.report.conversation_accuracy).toMatchObject({ correct: 0, total: 1 });
    expect(e2e.report.goodbye).toMatchObject({ support: 1, recall: 0 });
    expect(e2e.report.greet).toMatchObject({ support: 0, precision: 0 });
    // Only actions are listed in `actions`, as in Rasa.
    expect(e2e.actions.map((a: { action: string; predicted: string }) => [a.action, a.predicted])).toEqual([
      ["utter_goodbye", "utter_goodbye"],
      ["action_listen", "action_listen"],
    ]);
  });
});
