import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Rule, SlotDef, Story, StoryStep } from "../model/index.js";
import { appendEvents } from "../model/index.js";
import { InvalidRuleError, trainPolicies } from "./index.js";
import {
  FIXTURES,
  actionEvent,
  makeDomain,
  readRules,
  readStories,
  startTracker,
  trainingData,
  turn,
  userEvent,
} from "./test-helpers.js";

const intent = (name: string): StoryStep => ({ kind: "intent", intent: name, entities: [] });
const act = (name: string): StoryStep => ({ kind: "action", name });
const rule = (name: string, steps: StoryStep[], extra: Partial<Rule> = {}): Rule => ({
  name,
  steps,
  condition: [],
  conversation_start: false,
  wait_for_user_input: true,
  ...extra,
});
const story = (name: string, steps: StoryStep[]): Story => ({ name, steps });

const domain = makeDomain({
  intents: ["greet", "goodbye", "affirm", "ask", "inform"],
  responses: ["utter_greet", "utter_welcome_back", "utter_goodbye", "utter_other", "utter_answer", "utter_vip"],
});

describe("RulePolicy contradictions", () => {
  it("names the story and the rule when they predict different actions", () => {
    const data = trainingData(
      [story("rude goodbye", [intent("greet"), act("utter_greet"), intent("goodbye"), act("utter_other")])],
      [rule("say goodbye", [intent("goodbye"), act("utter_goodbye")])],
    );
    let err: unknown;
    try {
      trainPolicies([], data, domain);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidRuleError);
    expect(String(err)).toContain("rude goodbye");
    expect(String(err)).toContain("say goodbye");
    expect(String(err)).toContain("utter_other");
  });

  it("names both rules when two rules predict different actions for the same turns", () => {
    const data = trainingData(
      [],
      [rule("hello A", [intent("greet"), act("utter_greet")]), rule("hello B", [intent("greet"), act("utter_other")])],
    );
    expect(() => trainPolicies([], data, domain)).toThrow(/hello A[\s\S]*hello B|hello B[\s\S]*hello A/);
  });

  it("can be switched off with check_for_contradictions: false", () => {
    const data = trainingData(
      [story("rude goodbye", [intent("goodbye"), act("utter_other")])],
      [rule("say goodbye", [intent("goodbye"), act("utter_goodbye")])],
    );
    const e = trainPolicies(
      [{ name: "MemoizationPolicy" }, { name: "RulePolicy", check_for_contradictions: false }],
      data,
      domain,
    );
    // Same confidence: the rule's priority 6 beats memoization's 3.
    expect(turn(e, domain, startTracker(domain), "goodbye").actions[0]).toBe("utter_goodbye");
  });

  it("accepts a story that continues after an action a rule starts with", () => {
    // The rule implies "listen after utter_answer"; the story goes on to utter_other instead.
    const data = trainingData(
      [story("chatty", [intent("ask"), act("utter_answer"), act("utter_other")])],
      [rule("answer then affirm", [act("utter_answer"), intent("affirm"), act("utter_goodbye")])],
    );
    const e = trainPolicies([], data, domain);
    expect(turn(e, domain, startTracker(domain), "ask").actions).toEqual([
      "utter_answer",
      "utter_other",
      "action_listen",
    ]);
  });

  it("rejects rules with more than one user turn unless restrict_rules is false", () => {
    const long = rule("state machine", [intent("greet"), act("utter_greet"), intent("ask"), act("utter_answer")]);
    expect(() => trainPolicies([], trainingData([], [long]), domain)).toThrow(/state machine/);
    const e = trainPolicies([{ name: "RulePolicy", restrict_rules: false }], trainingData([], [long]), domain);
    let r = turn(e, domain, startTracker(domain), "greet");
    r = turn(e, domain, r.tracker, "ask");
    expect(r.actions[0]).toBe("utter_answer");
  });
});

describe("RulePolicy matching", () => {
  it("fires a conversation_start rule only at the start", () => {
    const data = trainingData(
      [],
      [
        rule("welcome", [intent("greet"), act("utter_greet")], { conversation_start: true }),
        rule("welcome back", [act("utter_goodbye"), intent("greet"), act("utter_welcome_back")]),
        rule("bye", [intent("goodbye"), act("utter_goodbye")]),
      ],
    );
    const e = trainPolicies([{ name: "RulePolicy" }], data, domain);
    let r = turn(e, domain, startTracker(domain), "greet");
    expect(r.actions[0]).toBe("utter_greet");
    r = turn(e, domain, r.tracker, "greet");
    expect(r.predicted[0]).toMatchObject({ action: "action_default_fallback", confidence: 0.3 });
    r = turn(e, domain, startTracker(domain), "goodbye");
    r = turn(e, domain, r.tracker, "greet");
    expect(r.actions[0]).toBe("utter_welcome_back");
  });

  it("does not force a listen after a wait_for_user_input: false rule", () => {
    const data = trainingData(
      [],
      [rule("answer", [intent("ask"), act("utter_answer")], { wait_for_user_input: false })],
    );
    const e = trainPolicies([{ name: "RulePolicy" }], data, domain);
    const r = turn(e, domain, startTracker(domain), "ask");
    expect(r.predicted[0]).toMatchObject({ action: "utter_answer", confidence: 1 });
    expect(r.predicted[1]).toMatchObject({ action: "action_default_fallback", confidence: 0.3 });
  });

  it("uses slot conditions, and null in a condition means 'not set'", () => {
    const vip: SlotDef = { name: "vip", type: "bool", initial_value: null, influence_conversation: true, mappings: [] };
    const d = makeDomain({ ...{ intents: ["greet"], responses: ["utter_greet", "utter_vip"] }, slots: [vip] });
    const data = trainingData(
      [],
      [
        rule("vip greet", [intent("greet"), act("utter_vip")], {
          condition: [{ kind: "slot_was_set", slots: [{ name: "vip", value: true }] }],
        }),
        rule("plain greet", [intent("greet"), act("utter_greet")], {
          condition: [{ kind: "slot_was_set", slots: [{ name: "vip", value: null }] }],
        }),
      ],
    );
    const e = trainPolicies([{ name: "RulePolicy" }], data, d);
    expect(turn(e, d, startTracker(d), "greet").actions[0]).toBe("utter_greet");
    const vipTracker = appendEvents(startTracker(d), [{ event: "slot", timestamp: 0, name: "vip", value: true }]);
    expect(turn(e, d, vipTracker, "greet").actions[0]).toBe("utter_vip");
    const notVip = appendEvents(startTracker(d), [{ event: "slot", timestamp: 0, name: "vip", value: false }]);
    expect(turn(e, d, notVip, "greet").predicted[0]?.action).toBe("action_default_fallback");
  });

  it("honours a configured fallback action and threshold", () => {
    const e = trainPolicies(
      [{ name: "RulePolicy", core_fallback_threshold: 0.4, core_fallback_action_name: "utter_other" }],
      trainingData([], []),
      domain,
    );
    expect(e.predict(appendEvents(startTracker(domain), [userEvent("ask")]), domain)).toMatchObject({
      action: "utter_other",
      confidence: 0.4,
      policy: "policy_0_RulePolicy",
    });
    expect(() =>
      trainPolicies([{ name: "RulePolicy", core_fallback_action_name: "nope" }], trainingData([], []), domain),
    ).toThrow(/nope/);
  });

  it("listens after action_restart", () => {
    const e = trainPolicies([], trainingData([], []), domain);
    const t = appendEvents(startTracker(domain), [
      userEvent("restart"),
      actionEvent("action_restart"),
      { event: "restart", timestamp: 0 },
    ]);
    expect(e.predict(t, domain).action).toBe("action_listen");
  });
});

describe("RulePolicy with forms (formbot)", () => {
  const dir = path.join(FIXTURES, "formbot/data");
  const d = makeDomain({
    intents: [
      "greet",
      "thankyou",
      "bot_challenge",
      "chitchat",
      "request_restaurant",
      "stop",
      "affirm",
      "deny",
      "inform",
    ],
    responses: [
      "utter_greet",
      "utter_noworries",
      "utter_iamabot",
      "utter_chitchat",
      "utter_submit",
      "utter_slots_values",
      "utter_ask_continue",
    ],
    forms: ["restaurant_form"],
  });
  const e = trainPolicies(
    [],
    trainingData(readStories(path.join(dir, "stories.yml")), readRules(path.join(dir, "rules.yml"))),
    d,
  );
  const loopOn = { event: "active_loop" as const, timestamp: 0, name: "restaurant_form" };
  const loopOff = { event: "active_loop" as const, timestamp: 0, name: null };

  /** request_restaurant → the form runs, activates itself, asks; the bot listens. */
  function activated() {
    let t = appendEvents(startTracker(d), [userEvent("request_restaurant")]);
    expect(e.predict(t, d).action).toBe("restaurant_form");
    t = appendEvents(t, [actionEvent("restaurant_form"), loopOn]);
    expect(e.predict(t, d).action).toBe("action_listen");
    return appendEvents(t, [actionEvent("action_listen")]);
  }

  it("keeps running the active loop on the happy path, and listens after it", () => {
    let t = activated();
    t = appendEvents(t, [userEvent("inform")]);
    expect(e.predict(t, d).action).toBe("restaurant_form");
    t = appendEvents(t, [actionEvent("restaurant_form")]);
    expect(e.predict(t, d).action).toBe("action_listen");
  });

  it("after a rejection, a general rule answers and then hands back to the loop", () => {
    let t = activated();
    t = appendEvents(t, [userEvent("chitchat")]);
    expect(e.predict(t, d).action).toBe("restaurant_form");
    t = appendEvents(t, [
      { event: "action_execution_rejected", timestamp: 0, name: "restaurant_form", policy: null, confidence: null },
    ]);
    expect(e.predict(t, d).action).toBe("utter_chitchat");
    t = appendEvents(t, [actionEvent("utter_chitchat")]);
    expect(e.predict(t, d).action).toBe("restaurant_form");
  });

  it("follows the story after a rejected stop, and submits when the form completes", () => {
    let t = activated();
    t = appendEvents(t, [
      userEvent("stop"),
      { event: "action_execution_rejected", timestamp: 0, name: "restaurant_form", policy: null, confidence: null },
    ]);
    expect(e.predict(t, d).action).toBe("utter_ask_continue");
    t = appendEvents(t, [actionEvent("utter_ask_continue"), actionEvent("action_listen"), userEvent("affirm")]);
    const back = e.predict(t, d);
    expect(back.action).toBe("restaurant_form");
    t = appendEvents(t, [actionEvent("restaurant_form"), loopOff]);
    expect(e.predict(t, d).action).toBe("utter_submit");
    t = appendEvents(t, [actionEvent("utter_submit")]);
    expect(e.predict(t, d).action).toBe("utter_slots_values");
  });
});
