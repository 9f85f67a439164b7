import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendEvents } from "../model/index.js";
import { trainPolicies } from "./index.js";
import { actionEvent, initialProject, readStories, startTracker, turn, userEvent } from "./test-helpers.js";

const { dir, domain, data } = initialProject();
const testStories = readStories(path.join(dir, "tests/test_stories.yml"));

describe("initial_project test stories (rasa test, gold actions fed back)", () => {
  // rasa init's config: Memoization, TED, Rule.
  const warnings: string[] = [];
  const ensemble = trainPolicies(
    [{ name: "MemoizationPolicy" }, { name: "TEDPolicy", max_history: 5, epochs: 100 }, { name: "RulePolicy" }],
    data,
    domain,
    { warn: (m) => warnings.push(m) },
  );

  it("trains TEDPolicy without warnings", () => {
    expect(warnings).toEqual([]);
    expect(ensemble.members.map((m) => m.policy.name)).toContain("TEDPolicy");
  });

  it("has test stories to check", () => {
    expect(testStories.length).toBe(7);
  });

  it.each(testStories.map((s) => [s.name, s] as const))("%s: every action predicted", (_name, story) => {
    let tracker = startTracker(domain);
    let checked = 0;
    for (const step of story.steps) {
      if (step.kind === "intent") {
        // The bot listens before every user message.
        if (checked > 0) {
          expect(ensemble.predict(tracker, domain).action).toBe("action_listen");
          tracker = appendEvents(tracker, [actionEvent("action_listen")]);
        }
        tracker = appendEvents(tracker, [userEvent(step.intent)]);
      } else if (step.kind === "action") {
        const p = ensemble.predict(tracker, domain);
        expect(p.action, `${story.name}, step ${checked}`).toBe(step.name);
        expect(p.confidence).toBe(1);
        // Memoization and rules are certain here; the learned policy never reaches 1.0.
        expect(p.policy).toMatch(/^policy_(0_MemoizationPolicy|2_RulePolicy)$/);
        tracker = appendEvents(tracker, [actionEvent(step.name)]);
        checked++;
      }
    }
    expect(ensemble.predict(tracker, domain).action).toBe("action_listen");
    expect(checked).toBeGreaterThan(0);
  });

  it("continues a story after an 'anytime' rule interjects (hidden rule turns)", () => {
    let r = turn(ensemble, domain, startTracker(domain), "greet");
    r = turn(ensemble, domain, r.tracker, "bot_challenge");
    expect(r.actions).toEqual(["utter_iamabot", "action_listen"]);
    const hidden = r.tracker.events.filter((e) => e.event === "action" && e.hide_rule_turn === true);
    expect(hidden.map((e) => (e.event === "action" ? e.name : ""))).toEqual(["utter_iamabot", "action_listen"]);
    r = turn(ensemble, domain, r.tracker, "mood_unhappy");
    expect(r.actions).toEqual(["utter_cheer_up", "utter_did_that_help", "action_listen"]);
    expect(r.predicted[0]?.policy).toBe("policy_0_MemoizationPolicy");
  });

  it("does not hide turns of rules that stories also use", () => {
    const r = turn(ensemble, domain, startTracker(domain), "goodbye");
    // "say goodbye" is also a test story, but not a training story: the rule turn is hidden.
    expect(r.predicted[0]).toMatchObject({ action: "utter_goodbye", policy: "policy_2_RulePolicy" });
    const greet = turn(ensemble, domain, startTracker(domain), "greet");
    expect(greet.tracker.events.some((e) => e.event === "action" && e.hide_rule_turn)).toBe(false);
  });
});
