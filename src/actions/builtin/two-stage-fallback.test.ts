import { describe, expect, it } from "vitest";
import type { Domain, Event, Tracker } from "../../model/index.js";
import { appendEvents, createTracker } from "../../model/index.js";
import { silentLogger } from "../../ports/index.js";
import type { ActionContext } from "../action.js";
import { ActionRegistry } from "../registry.js";
import { TemplateNlg } from "../template-nlg.js";

const domain: Domain = {
  version: "3.1",
  intents: ["greet", "affirm", "out_of_scope", "nlu_fallback"].map((name) => ({
    name,
    use_entities: true,
    ignore_entities: [],
  })),
  entities: [],
  slots: [],
  responses: {
    utter_ask_rephrase: [{ text: "Please rephrase" }],
    utter_default: [{ text: "I give up" }],
  },
  actions: [],
  actions_send_domain: [],
  forms: {},
  session_config: { session_expiration_time: 60, carry_over_slots_to_new_session: true },
  config: { store_entities_as_slots: true },
  e2e_actions: [],
};
const registry = new ActionRegistry(domain);

function user(intent: string, confidence = 0.4): Event {
  return {
    event: "user",
    timestamp: 0,
    text: `text for ${intent}`,
    parse_data: {
      text: `text for ${intent}`,
      intent: { name: intent, confidence },
      entities: [],
      intent_ranking: [
        { name: intent, confidence },
        { name: "greet", confidence: 0.3 },
      ],
    },
    input_channel: null,
    message_id: null,
  };
}
const action = (name: string): Event => ({ event: "action", timestamp: 0, name, policy: null, confidence: null });

async function run(tracker: Tracker, name = "action_two_stage_fallback") {
  const ctx: ActionContext = {
    tracker,
    domain,
    channel: "test",
    nlg: new TemplateNlg(domain),
    now: () => 1,
    logger: silentLogger,
  };
  const events = await registry.resolve(name)!.run(ctx);
  return { events, tracker: appendEvents(tracker, [action(name), ...events]) };
}

const start = () => createTracker("s", {}, [action("action_listen")]);

describe("action_two_stage_fallback", () => {
  it("activates and asks to affirm the second-ranked intent after nlu_fallback", async () => {
    const r = await run(appendEvents(start(), [user("nlu_fallback")]));
    expect(r.events[0]).toMatchObject({ event: "active_loop", name: "action_two_stage_fallback" });
    expect(r.events[1]).toMatchObject({ event: "bot", text: "Did you mean 'greet'?" });
  });

  it("asks to rephrase after a denial, and gives up after a second denial", async () => {
    let r = await run(appendEvents(start(), [user("nlu_fallback")]));
    r = await run(appendEvents(r.tracker, [action("action_listen"), user("out_of_scope", 1)]));
    expect(r.events).toMatchObject([{ event: "bot", text: "Please rephrase" }]);
    r = await run(appendEvents(r.tracker, [action("action_listen"), user("nlu_fallback")]));
    expect(r.events[0]).toMatchObject({ event: "bot", text: "Did you mean 'greet'?" });
    r = await run(appendEvents(r.tracker, [action("action_listen"), user("out_of_scope", 1)]));
    expect(r.events).toMatchObject([
      { event: "active_loop", name: null },
      { event: "bot", text: "I give up" },
      { event: "rewind" },
    ]);
  });

  it("on a clear answer deactivates and replays the clarified message with confidence 1", async () => {
    let r = await run(appendEvents(start(), [user("nlu_fallback")]));
    r = await run(appendEvents(r.tracker, [action("action_listen"), user("greet", 0.9)]));
    expect(r.events).toMatchObject([
      { event: "active_loop", name: null },
      { event: "rewind" },
      { event: "action", name: "action_listen" },
      { event: "user", parse_data: { intent: { name: "greet", confidence: 1 } } },
    ]);
    expect(r.tracker.state.activeLoop).toBeNull();
  });

  it("gives up after two fallbacks in a row", async () => {
    let r = await run(appendEvents(start(), [user("nlu_fallback")]));
    r = await run(appendEvents(r.tracker, [action("action_listen"), user("nlu_fallback")]));
    expect(r.events.map((e) => e.event)).toEqual(["active_loop", "bot", "rewind"]);
  });
});

describe("action_revert_fallback_events", () => {
  it("after an affirmation removes the exchange and keeps the message with certain intent", async () => {
    const t = appendEvents(start(), [
      user("nlu_fallback"),
      action("action_default_ask_affirmation"),
      action("action_listen"),
      user("greet", 0.8),
    ]);
    const r = await run(t, "action_revert_fallback_events");
    expect(r.events.map((e) => e.event)).toEqual(["rewind", "rewind", "action", "user"]);
    expect(r.events[3]).toMatchObject({ parse_data: { intent: { confidence: 1 } } });
  });

  it("does nothing outside a fallback", async () => {
    expect((await run(appendEvents(start(), [user("greet")]), "action_revert_fallback_events")).events).toEqual([]);
  });
});
