/**
 * Policies featurise only the turns they look at (`max_history`, the longest rule). The windowed states must be
 * exactly the tail of the full ones, including the user part a turn inherits from turns outside the window.
 */
import { describe, expect, it } from "vitest";
import { trainPolicies } from "./index.js";
import { createTracker, initialSlotValues } from "../model/index.js";
import { storyPolicyStates, storyTurnCount, storyTurns, trackerStoryStates } from "./ml-states.js";
import { RulePolicy } from "./rule-policy.js";
import { conversationStates, statesAndActions } from "./state.js";
import { initialProject, startTracker, turn } from "./test-helpers.js";

const { domain, data } = initialProject();

describe("windowed turn states", () => {
  const ensemble = trainPolicies([{ name: "MemoizationPolicy" }, { name: "RulePolicy" }], data, domain);
  const rule = ensemble.members.find((m) => m.policy instanceof RulePolicy)!.policy as RulePolicy;
  // Greet, then an "anytime" rule (hidden turns), then the story goes on: the window often starts inside the
  // hidden stretch or right after a bot action, where the user part is inherited.
  let tracker = startTracker(domain);
  for (const intent of ["greet", "bot_challenge", "mood_unhappy", "bot_challenge", "deny", "greet", "mood_great"]) {
    tracker = turn(ensemble, domain, tracker, intent).tracker;
  }
  const events = tracker.events;

  it("the conversation has hidden rule turns and more turns than any window", () => {
    expect(events.some((e) => e.event === "action" && e.hide_rule_turn === true)).toBe(true);
    expect(conversationStates(events, domain).length).toBeGreaterThan(12);
  });

  it("story-policy states: every window of every prefix is the tail of the full states", () => {
    for (let end = 1; end <= events.length; end++) {
      const prefix = events.slice(0, end);
      const full = storyPolicyStates(prefix, domain, { ruleOnly: rule.ruleOnly });
      for (let last = 1; last <= full.length + 1; last++) {
        expect(storyPolicyStates(prefix, domain, { ruleOnly: rule.ruleOnly }, last)).toEqual(full.slice(-last));
      }
    }
  });

  it("story turns are counted as they are built, and a capped count stops at its cap", () => {
    for (let end = 1; end <= events.length; end++) {
      const prefix = createTracker("", initialSlotValues(domain), events.slice(0, end));
      const kept = storyTurns(prefix).length;
      expect(storyTurnCount(prefix)).toBe(kept);
      for (const cap of [1, 2, kept, kept + 1]) expect(storyTurnCount(prefix, cap)).toBe(Math.min(kept, cap));
    }
  });

  it("a tracker grown turn by turn gives the same story states as its events loaded at once", () => {
    expect(trackerStoryStates(tracker, domain, { ruleOnly: rule.ruleOnly })).toEqual(
      storyPolicyStates(events, domain, { ruleOnly: rule.ruleOnly }),
    );
  });

  it("rule states: every window of every prefix is the tail of the full states", () => {
    for (let end = 1; end <= events.length; end++) {
      const prefix = events.slice(0, end);
      const full = conversationStates(prefix, domain);
      // The timeline-based states equal the training-time walk over the events.
      expect(full).toEqual(statesAndActions(prefix, domain).states);
      for (let last = 1; last <= full.length + 1; last++) {
        expect(conversationStates(prefix, domain, last)).toEqual(full.slice(-last));
      }
    }
  });
});
