import { deflateSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { validateRestaurantForm } from "../../examples/actions/formbot/actions.js";
import {
  ActionRejection,
  defineAction,
  handleWebhook,
  loadActions,
  slotSet,
  startActionServer,
  Tracker,
} from "./index.js";
import type { ActionDefinition, RunningActionServer, TrackerJson } from "./index.js";

const trackerJson = (slots: Record<string, unknown>, events: TrackerJson["events"] = []): TrackerJson => ({
  sender_id: "u1",
  slots,
  latest_message: {
    text: "hi",
    intent: { name: "greet" },
    entities: [{ entity: "cuisine", value: "Greek", role: "x" }],
  },
  events,
});

const domain = { forms: { restaurant_form: { required_slots: ["cuisine", "num_people", "outdoor_seating"] } } };

async function validate(candidates: Record<string, unknown>) {
  const events = Object.entries(candidates).map(([name, value]) => ({ event: "slot", name, value }));
  const body = {
    next_action: "validate_restaurant_form",
    tracker: trackerJson({}, [{ event: "action", name: "restaurant_form" }, ...events]),
    domain,
  };
  const reply = await handleWebhook(new Map([[validateRestaurantForm.name, validateRestaurantForm]]), body);
  expect(reply.status).toBe(200);
  return reply.body as { events: { name: string; value: unknown }[]; responses: { response: string | null }[] };
}

describe("Tracker view", () => {
  it("reads slots, entities, intent and the slots to validate", () => {
    const t = new Tracker<{ cuisine: string | null }>(
      trackerJson({ cuisine: "greek", requested_slot: "num_people" }, [
        { event: "user", text: "x" },
        { event: "slot", name: "a", value: 1 },
        { event: "slot", name: "b", value: 2 },
      ]),
    );
    expect(t.getSlot("cuisine")).toBe("greek");
    expect(t.requestedSlot).toBe("num_people");
    expect(t.latestIntent).toBe("greet");
    expect(t.getLatestEntityValues("cuisine")).toEqual(["Greek"]);
    expect(t.getLatestEntityValues("cuisine", "y")).toEqual([]);
    expect(t.slotsToValidate()).toEqual({ a: 1, b: 2 });
  });
});

describe("form validation (formbot's validate_restaurant_form)", () => {
  it("keeps valid values as given and returns every candidate", async () => {
    const out = await validate({ cuisine: "Greek", num_people: "4", outdoor_seating: "outside please" });
    expect(out.events.map((e) => [e.name, e.value])).toEqual([
      ["cuisine", "Greek"],
      ["num_people", "4"],
      ["outdoor_seating", true],
    ]);
    expect(out.responses).toEqual([]);
  });

  it("rejects invalid values with the wrong_* response", async () => {
    const out = await validate({ cuisine: "martian", num_people: "-2", outdoor_seating: "sky" });
    expect(out.events.map((e) => e.value)).toEqual([null, null, null]);
    expect(out.responses.map((r) => r.response)).toEqual([
      "utter_wrong_cuisine",
      "utter_wrong_num_people",
      "utter_wrong_outdoor_seating",
    ]);
  });

  it("keeps booleans from affirm/deny and unvalidated slots unchanged", async () => {
    const out = await validate({ outdoor_seating: false, preferences: "quiet" });
    expect(out.events.map((e) => [e.name, e.value])).toEqual([
      ["outdoor_seating", false],
      ["preferences", "quiet"],
    ]);
  });
});

describe("webhook", () => {
  const actions = new Map<string, ActionDefinition>([
    ["say", defineAction({ name: "say", run: ({ dispatcher }) => dispatcher.response("utter_x", { n: 1 }) })],
    [
      "no",
      defineAction({
        name: "no",
        run: () => {
          throw new ActionRejection("nope");
        },
      }),
    ],
    [
      "bad",
      defineAction({
        name: "bad",
        run: () => {
          throw new Error("broken");
        },
      }),
    ],
  ]);
  const call = (name: string) => handleWebhook(actions, { next_action: name, tracker: trackerJson({}) });

  it("answers responses in rasa-sdk's shape", async () => {
    const reply = await call("say");
    expect(reply).toEqual({
      status: 200,
      body: {
        events: [],
        responses: [
          {
            text: null,
            buttons: [],
            elements: [],
            custom: {},
            template: "utter_x",
            response: "utter_x",
            image: null,
            attachment: null,
            n: 1,
          },
        ],
      },
    });
  });

  it("answers 404, 400 and 500 with rasa-sdk's bodies", async () => {
    expect(await call("missing")).toEqual({
      status: 404,
      body: { error: "No registered action found for name 'missing'.", action_name: "missing" },
    });
    expect(await call("no")).toEqual({ status: 400, body: { error: "nope", action_name: "no" } });
    const bad = await call("bad");
    expect(bad.status).toBe(500);
    expect((bad.body as { error: string }).error).toBe("broken");
  });
});

describe("action server over HTTP", () => {
  let server: RunningActionServer | null = null;
  afterEach(async () => server?.close());

  it("serves /health, /actions and a deflated /webhook, loading actions from a folder", async () => {
    const actions = await loadActions("examples/actions/rules");
    server = await startActionServer(actions, { port: 0, host: "127.0.0.1" });
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${server.url}/actions`)).json()).toEqual([
      { name: "action_switch_faq" },
      { name: "action_validate_loop_q_form" },
    ]);
    const body = deflateSync(
      JSON.stringify({ next_action: "action_switch_faq", tracker: trackerJson({ detailed_faq: null }) }),
    );
    const res = await fetch(`${server.url}/webhook`, {
      method: "POST",
      body,
      headers: { "Content-Encoding": "deflate" },
    });
    expect(await res.json()).toEqual({ events: [slotSet("detailed_faq", true)], responses: [] });
    const garbage = await fetch(`${server.url}/webhook`, { method: "POST", body: "{oops" });
    expect(garbage.status).toBe(400);
  });
});
