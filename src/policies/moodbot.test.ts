import path from "node:path";
import { describe, expect, it } from "vitest";
import { trainPolicies } from "./index.js";
import { FIXTURES, makeDomain, readRules, readStories, startTracker, trainingData, turn } from "./test-helpers.js";

const dir = path.join(FIXTURES, "moodbot/data");
const domain = makeDomain({
  intents: ["greet", "goodbye", "affirm", "deny", "mood_great", "mood_unhappy", "bot_challenge"],
  responses: ["utter_greet", "utter_cheer_up", "utter_did_that_help", "utter_happy", "utter_goodbye", "utter_iamabot"],
});
const data = trainingData(readStories(path.join(dir, "stories.yml")), readRules(path.join(dir, "rules.yml")));
// Rasa's defaults minus TEDPolicy, to test the memorising policies alone (ted-policy.test.ts has the rest).
const ensemble = trainPolicies([{ name: "MemoizationPolicy" }, { name: "RulePolicy" }], data, domain);

describe("moodbot (Memoization + Rule)", () => {
  it("greets and then listens", () => {
    const r = turn(ensemble, domain, startTracker(domain), "greet");
    expect(r.actions).toEqual(["utter_greet", "action_listen"]);
    // Memoization (priority 3) and the greet rule (priority 6) both say 1.0: the rule wins the tie.
    expect(r.predicted[0]).toMatchObject({ confidence: 1, policy: "policy_1_RulePolicy" });
  });

  it("cheers up, asks whether it helped, then listens", () => {
    let r = turn(ensemble, domain, startTracker(domain), "greet");
    r = turn(ensemble, domain, r.tracker, "mood_unhappy");
    expect(r.actions).toEqual(["utter_cheer_up", "utter_did_that_help", "action_listen"]);
  });

  it("listens after utter_did_that_help even off the stories, through the affirm/deny rules", () => {
    // No story starts with mood_unhappy: only rules apply, and the wait_for_user_input:false rule
    // does not force the listen; the rule beginning with utter_did_that_help does.
    const r = turn(ensemble, domain, startTracker(domain), "mood_unhappy");
    expect(r.actions).toEqual(["utter_cheer_up", "utter_did_that_help", "action_listen"]);
    expect(r.predicted.every((p) => p.policy === "policy_1_RulePolicy")).toBe(true);
  });

  it.each([
    ["affirm", "utter_happy"],
    ["deny", "utter_goodbye"],
  ])("after utter_did_that_help, %s → %s", (intent, action) => {
    let r = turn(ensemble, domain, startTracker(domain), "greet");
    r = turn(ensemble, domain, r.tracker, "mood_unhappy");
    r = turn(ensemble, domain, r.tracker, intent);
    expect(r.actions).toEqual([action, "action_listen"]);
  });

  it("answers bot_challenge at any point", () => {
    expect(turn(ensemble, domain, startTracker(domain), "bot_challenge").actions).toEqual([
      "utter_iamabot",
      "action_listen",
    ]);
    let r = turn(ensemble, domain, startTracker(domain), "greet");
    r = turn(ensemble, domain, r.tracker, "mood_unhappy");
    r = turn(ensemble, domain, r.tracker, "bot_challenge");
    expect(r.actions).toEqual(["utter_iamabot", "action_listen"]);
  });

  it("falls back at the threshold on an unknown path", () => {
    let r = turn(ensemble, domain, startTracker(domain), "greet");
    r = turn(ensemble, domain, r.tracker, "affirm");
    expect(r.predicted[0]).toEqual({
      action: "action_default_fallback",
      confidence: 0.3,
      policy: "policy_1_RulePolicy",
    });
  });

  it("restarts on /restart, whatever the conversation", () => {
    let r = turn(ensemble, domain, startTracker(domain), "greet");
    r = turn(ensemble, domain, r.tracker, "restart");
    expect(r.predicted[0]).toEqual({ action: "action_restart", confidence: 1, policy: "policy_1_RulePolicy" });
    expect(r.actions[1]).toBe("action_listen");
  });

  it("maps /back and /session_start to their default actions", () => {
    expect(turn(ensemble, domain, startTracker(domain), "back").actions[0]).toBe("action_back");
    expect(turn(ensemble, domain, startTracker(domain), "session_start").actions[0]).toBe("action_session_start");
  });

  it("logs user_featurization once per user turn", () => {
    const r = turn(ensemble, domain, startTracker(domain), "greet");
    const feats = r.tracker.events.filter((e) => e.event === "user_featurization");
    expect(feats).toHaveLength(1);
  });

  it("round-trips through JSON with identical predictions", async () => {
    const { loadPolicies } = await import("./index.js");
    const loaded = loadPolicies(JSON.parse(JSON.stringify(ensemble.toJSON())), domain);
    for (const path of [
      ["greet", "mood_unhappy", "deny"],
      ["bot_challenge", "affirm"],
      ["greet", "mood_great"],
    ]) {
      let a = startTracker(domain);
      let b = startTracker(domain);
      for (const intent of path) {
        const ra = turn(ensemble, domain, a, intent);
        const rb = turn(loaded, domain, b, intent);
        expect(rb.predicted).toEqual(ra.predicted);
        a = ra.tracker;
        b = rb.tracker;
      }
    }
  });
});
