import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadDomain } from "../../config/index.js";
import { ConfabError } from "../../errors.js";
import { createTracker, initialSlotValues } from "../../model/index.js";
import type { Domain, Event } from "../../model/index.js";
import { RASA_VERSION } from "../../version.js";
import { ActionRejected } from "../action.js";
import type { ActionContext } from "../action.js";
import { TemplateNlg } from "../template-nlg.js";
import { createActionServer } from "./index.js";
import { freePort, recordingLogger, startStub } from "./test-helpers.js";
import type { StubAnswer, StubServer } from "./test-helpers.js";

const DOMAIN_YAML = `
version: "3.1"
intents: [greet]
slots:
  name: {type: text, mappings: [{type: custom}]}
responses:
  utter_hi:
    - text: "Hi {name}!"
      buttons: [{title: "A", payload: "/a"}]
actions:
  - action_plain
  - action_domain: {send_domain: true}
  - validate_some_form
`;

function domain(): Domain {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-remote-"));
  fs.writeFileSync(path.join(dir, "domain.yml"), DOMAIN_YAML);
  return loadDomain(path.join(dir, "domain.yml")).domain;
}

const events: Event[] = [
  { event: "action", timestamp: 1, name: "action_listen", policy: null, confidence: null },
  {
    event: "user",
    timestamp: 2,
    text: "hello",
    parse_data: { text: "hello", intent: { name: "greet", confidence: 1 }, entities: [] },
    input_channel: "rest",
    message_id: "m1",
    metadata: {},
  },
];

let stub: StubServer | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

async function run(answer: StubAnswer, endpoint: Record<string, unknown> = {}, action = "action_plain") {
  stub = await startStub(() => answer);
  const d = domain();
  const logger = recordingLogger();
  const wiring = createActionServer({ url: `${stub.url}/webhook`, ...endpoint }, d, logger);
  const ctx: ActionContext = {
    tracker: createTracker("alice", initialSlotValues(d), events),
    domain: d,
    channel: "rest",
    nlg: new TemplateNlg(d),
    now: () => 100,
    logger,
  };
  return { result: wiring.customActions(action).run(ctx), requests: stub.requests };
}

describe("action-server request", () => {
  it("posts next_action, sender_id, the full tracker, Rasa's version and the domain", async () => {
    const { result, requests } = await run({ body: { events: [], responses: [] } });
    await result;
    const body = requests[0]!.body as {
      domain: { actions: unknown[] };
      tracker: { events: Event[]; latest_message: { intent: { name: string } } };
    } & Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["next_action", "sender_id", "tracker", "version", "domain"]);
    expect(body.next_action).toBe("action_plain");
    expect(body.sender_id).toBe("alice");
    expect(body.version).toBe(RASA_VERSION);
    expect(body.tracker.events.map((e: Event) => e.event)).toEqual(["action", "user"]);
    expect(body.tracker.latest_message.intent.name).toBe("greet");
    expect(body.domain.actions).toContainEqual({ action_domain: { send_domain: true } });
  });

  it("sends token, headers and basic auth", async () => {
    const endpoint = {
      token: "s3cret",
      token_name: "key",
      headers: { "X-Team": "bots" },
      basic_auth: { username: "u", password: "p" },
    };
    const { result, requests } = await run({ body: {} }, endpoint);
    await result;
    const req = requests[0]!;
    expect(req.url).toBe("/webhook?key=s3cret");
    expect(req.headers["x-team"]).toBe("bots");
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from("u:p").toString("base64")}`);
  });

  it.each([
    ["action_plain", false],
    ["action_domain", true],
    ["validate_some_form", true],
  ])("with enable_selective_domain sends the domain to %s: %s", async (action, sent) => {
    const { result, requests } = await run({ body: {} }, { enable_selective_domain: true }, action);
    await result;
    expect("domain" in (requests[0]!.body as object)).toBe(sent);
  });
});

describe("action-server answer", () => {
  it("renders responses through the NLG with variables, appends buttons, and puts bot events first", async () => {
    const answer = {
      events: [{ event: "slot", timestamp: null, name: "name", value: "Ada" }],
      responses: [
        {
          text: null,
          buttons: [{ title: "B", payload: "/b" }],
          template: "utter_hi",
          response: "utter_hi",
          name: "Ada",
          image: null,
        },
        { template: "utter_hi", name: "Bob" },
        { text: "plain", custom: { kind: "card" } },
      ],
    };
    const { result } = await run({ body: answer });
    const out = await result;
    expect(out.map((e) => e.event)).toEqual(["bot", "bot", "bot", "slot"]);
    type Bot = { text: string; data: Record<string, unknown>; metadata: Record<string, unknown> };
    const [first, legacy, plain, slot] = out as unknown as [Bot, Bot, Bot, Bot];
    expect(first.text).toBe("Hi Ada!");
    expect(first.data.buttons).toEqual([
      { title: "A", payload: "/a" },
      { title: "B", payload: "/b" },
    ]);
    expect(first.metadata.utter_action).toBe("utter_hi");
    expect(legacy.text).toBe("Hi Bob!");
    expect(plain.text).toBe("plain");
    expect(plain.data.custom).toEqual({ kind: "card" });
    expect(slot).toMatchObject({ name: "name", value: "Ada", timestamp: 100 });
  });

  it("treats an empty body as no events", async () => {
    const { result } = await run({ body: "" });
    expect(await result).toEqual([]);
  });
});

describe("action-server faults", () => {
  const codeOf = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfabError);
    return (err as ConfabError).code;
  };

  it("400 rejects the action", async () => {
    const { result } = await run({ status: 400, body: { error: "not now", action_name: "action_plain" } });
    const err = await result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionRejected);
    expect((err as ActionRejected).message).toBe("not now");
  });

  it.each([
    [
      { status: 404, body: { error: "No registered action found for name 'action_plain'." } },
      "CONFAB_ERR_ACTION_NOT_FOUND",
    ],
    [{ status: 500, body: { error: "boom" } }, "CONFAB_ERR_ACTION_SERVER_ERROR"],
    [{ status: 200, body: "<html>not json" }, "CONFAB_ERR_ACTION_SERVER_RESPONSE"],
    [{ status: 200, body: { events: [{ event: "no_such_event" }] } }, "CONFAB_ERR_ACTION_SERVER_RESPONSE"],
    [{ status: 200, body: { events: {}, responses: [] } }, "CONFAB_ERR_ACTION_SERVER_RESPONSE"],
    [{ status: 200, body: { responses: ["text"] } }, "CONFAB_ERR_ACTION_SERVER_RESPONSE"],
  ] as [StubAnswer, string][])("%j → %s", async (answer, code) => {
    const { result } = await run(answer);
    expect(await codeOf(result)).toBe(code);
  });

  it("a slow server times out after the configured timeout", async () => {
    const started = Date.now();
    const { result } = await run({ body: {}, delayMs: 2000 }, { timeout: 0.2 });
    expect(await codeOf(result)).toBe("CONFAB_ERR_ACTION_SERVER_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("a server that is down is unreachable", async () => {
    const d = domain();
    const port = await freePort();
    const wiring = createActionServer({ url: `http://127.0.0.1:${port}/webhook` }, d, recordingLogger());
    const ctx = {
      tracker: createTracker("a", {}, []),
      domain: d,
      channel: "rest",
      nlg: new TemplateNlg(d),
      now: () => 1,
      logger: recordingLogger(),
    };
    expect(await codeOf(wiring.customActions("action_plain").run(ctx))).toBe("CONFAB_ERR_ACTION_SERVER_UNREACHABLE");
  });

  it("without an endpoint, custom actions report the missing action server", async () => {
    const d = domain();
    const wiring = createActionServer(undefined, d, recordingLogger());
    expect(wiring.slotExtraction).toBeUndefined();
    const ctx = {
      tracker: createTracker("a", {}, []),
      domain: d,
      channel: "rest",
      nlg: new TemplateNlg(d),
      now: () => 1,
      logger: recordingLogger(),
    };
    expect(await codeOf(wiring.customActions("action_plain").run(ctx))).toBe("CONFAB_ERR_ACTION_SERVER_MISSING");
  });
});
