/**
 * @module policies/memoization
 * MemoizationPolicy and AugmentedMemoizationPolicy (`rasa-protocol.md` §8.3): an exact lookup of the last
 * `max_history` turn states of the training stories → the next action, with confidence 1.0.
 */
import type { Domain, Tracker } from "../model/index.js";
import { appliedEvents, createTracker, initialSlotValues } from "../model/index.js";
import type { Policy, PredictionContext } from "./types.js";
import { featuriseStoryTurns, storyTurnCount, storyTurns } from "./ml-states.js";
import type { TrainingTracker } from "./story-graph.js";
import type { TurnState } from "./state.js";
import { statesAndActions, statesKey } from "./state.js";

export const MEMOIZATION_PRIORITY = 3;

export interface MemoizationOptions {
  max_history: number | null;
  priority: number;
  augmented: boolean;
}

export interface MemoizationJSON {
  type: "MemoizationPolicy" | "AugmentedMemoizationPolicy";
  max_history: number | null;
  priority: number;
  lookup: Record<string, string>;
}

function window(states: readonly TurnState[], maxHistory: number | null): TurnState[] {
  return maxHistory === null || states.length <= maxHistory ? [...states] : states.slice(states.length - maxHistory);
}

/** Builds the state-window → action table; windows seen with two different actions are dropped (Rasa does too). */
export function buildLookup(trackers: readonly TrainingTracker[], domain: Domain, maxHistory: number | null) {
  const lookup = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const t of trackers) {
    const { states, actions } = statesAndActions(t.events, domain);
    actions.forEach((act, i) => {
      const key = statesKey(window(states.slice(0, i + 1), maxHistory));
      if (ambiguous.has(key)) return;
      const known = lookup.get(key);
      if (known === undefined) lookup.set(key, act);
      else if (known !== act) {
        lookup.delete(key);
        ambiguous.add(key);
      }
    });
  }
  return lookup;
}

export class MemoizationPolicy implements Policy {
  readonly name: string;
  readonly priority: number;
  readonly maxHistory: number | null;
  readonly augmented: boolean;
  private readonly lookup: Map<string, string>;
  /** The most turns any remembered window has: a longer conversation window cannot be in the table. */
  private readonly longest: number;

  constructor(opts: MemoizationOptions, lookup: Map<string, string>) {
    this.name = opts.augmented ? "AugmentedMemoizationPolicy" : "MemoizationPolicy";
    this.priority = opts.priority;
    this.maxHistory = opts.max_history;
    this.augmented = opts.augmented;
    this.lookup = lookup;
    let longest = 0;
    for (const key of lookup.keys()) longest = Math.max(longest, (JSON.parse(key) as unknown[]).length);
    this.longest = longest;
  }

  /**
   * The remembered action for the conversation's window of story states, if any. With `max_history: null` (Rasa's
   * default) the window is the whole conversation: one with more turns than any remembered window cannot be in the
   * table, which is known without featurising anything, and otherwise `longest + 1` turns are enough to look it up.
   */
  private recall(tracker: Tracker, domain: Domain, context: PredictionContext): string | undefined {
    if (Math.min(this.maxHistory ?? Infinity, storyTurnCount(tracker, this.longest + 1)) > this.longest)
      return undefined;
    const inView = Math.min(this.maxHistory ?? Infinity, this.longest + 1);
    return this.lookup.get(statesKey(featuriseStoryTurns(storyTurns(tracker), domain, context, inView)));
  }

  static train(opts: MemoizationOptions, stories: readonly TrainingTracker[], domain: Domain): MemoizationPolicy {
    return new MemoizationPolicy(
      opts,
      buildLookup(
        stories.filter((t) => !t.isRule),
        domain,
        opts.max_history,
      ),
    );
  }

  static fromJSON(json: MemoizationJSON): MemoizationPolicy {
    const opts = {
      max_history: json.max_history,
      priority: json.priority,
      augmented: json.type !== "MemoizationPolicy",
    };
    return new MemoizationPolicy(opts, new Map(Object.entries(json.lookup)));
  }

  get size(): number {
    return this.lookup.size;
  }

  predict(
    tracker: Tracker,
    domain: Domain,
    context: PredictionContext = {},
  ): { action: string; confidence: number } | null {
    const hit = this.recall(tracker, domain, context);
    if (hit !== undefined) return { action: hit, confidence: 1 };
    if (!this.augmented) return null;
    // Augmented (Rasa's `_back_to_the_future`): restart the conversation at the next action, forgetting
    // everything before it (slots included), and retry until a tail is known.
    const applied = appliedEvents(tracker.events);
    for (let i = 1; i < applied.length; i++) {
      if (applied[i]?.event !== "action") continue;
      const tail = applied.slice(i);
      const recalled = this.recall(createTracker("", initialSlotValues(domain), tail), domain, context);
      if (recalled !== undefined) return { action: recalled, confidence: 1 };
    }
    return null;
  }

  toJSON(): MemoizationJSON {
    return {
      type: this.augmented ? "AugmentedMemoizationPolicy" : "MemoizationPolicy",
      max_history: this.maxHistory,
      priority: this.priority,
      lookup: Object.fromEntries(this.lookup),
    };
  }
}
