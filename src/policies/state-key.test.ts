/**
 * Memoization and rule lookups are keyed by `statesKey`, and trained models store those keys. The key must stay
 * exactly the text earlier builds wrote (JSON with every object's keys sorted), or a model trained before would
 * silently stop recalling its stories.
 */
import { describe, expect, it } from "vitest";
import { trainPolicies } from "./index.js";
import { trackerStoryStates } from "./ml-states.js";
import type { TurnState } from "./state.js";
import { conversationStates, statesAndActions, statesKey } from "./state.js";
import { initialProject, makeDomain, startTracker, turn, userEvent } from "./test-helpers.js";

/** How keys were written before: `JSON.stringify` with a replacer that sorts every object's keys. */
function sortedJson(states: readonly TurnState[]): string {
  return JSON.stringify(states, (_k, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    }
    return v;
  });
}

describe("statesKey", () => {
  it("writes the same key as earlier builds for every window of a real conversation", () => {
    const { domain, data } = initialProject();
    const ensemble = trainPolicies([{ name: "MemoizationPolicy" }, { name: "RulePolicy" }], data, domain);
    let tracker = startTracker(domain);
    for (const intent of ["greet", "mood_unhappy", "deny", "bot_challenge", "greet", "mood_great", "goodbye"]) {
      tracker = turn(ensemble, domain, tracker, intent).tracker;
    }
    for (const states of [conversationStates(tracker.events, domain), trackerStoryStates(tracker, domain)]) {
      expect(states.length).toBeGreaterThan(10);
      for (let i = 0; i < states.length; i++) expect(statesKey(states.slice(i))).toBe(sortedJson(states.slice(i)));
    }
  });

  it("sorts nested keys, escapes text and leaves out undefined values as JSON does", () => {
    const states = [
      {},
      {
        user: { intent: "inform", entities: ["city", "city#destination"] },
        slots: { zeta: [1.5], 'quote"d': ["ünï ✓ \n"], alpha: [0, 1], gone: undefined },
        prev_action: { action_name: "action_listen" },
        active_loop: { name: "form" },
      },
      { prev_action: { action_text: "Hi \\ there" }, user: { text: "😀" } },
    ] as unknown as TurnState[];
    expect(statesKey(states)).toBe(sortedJson(states));
    expect(statesKey(states)).toContain('"slots":{"alpha":[0,1],"quote\\"d"');
    expect(statesKey(states)).not.toContain("gone");
  });

  it("tells different states apart", () => {
    const domain = makeDomain({ intents: ["greet", "goodbye"], responses: ["utter_greet"] });
    const greet = statesAndActions([userEvent("greet")], domain).states;
    const bye = statesAndActions([userEvent("goodbye")], domain).states;
    expect(statesKey(greet)).not.toBe(statesKey(bye));
  });
});
