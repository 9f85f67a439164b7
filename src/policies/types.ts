/**
 * @module policies/types
 * The contract between dialogue policies and the turn processor (`rasa-protocol.md` §8.3).
 */
import type { Domain, Event, Tracker } from "../model/index.js";

export interface PolicyPrediction {
  /** The action to run next. */
  action: string;
  confidence: number;
  /** Name written into the `action` event's `policy` field, e.g. `policy_1_RulePolicy`. */
  policy: string;
  /** Events the policy wants logged before the action (Rasa's optional policy events). */
  events: Event[];
}

export interface Policy {
  readonly name: string;
  readonly priority: number;
  /** Scores for the next action; `null` when this policy has no opinion (all zeros in Rasa). */
  predict(tracker: Tracker, domain: Domain): { action: string; confidence: number; events?: Event[] } | null;
  toJSON(): unknown;
}
