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
  /**
   * Copy into the `action` event's `hide_rule_turn`: the turn came from a rule that no story uses, so
   * story-based policies skip it (Rasa's `PolicyPrediction.hide_rule_turn`).
   */
  hide_rule_turn?: boolean;
}

/** Facts the ensemble shares with every policy at prediction time. */
export interface PredictionContext {
  /** Slots and loops that only rules mention; story-based policies leave them out of their states. */
  ruleOnly?: { slots: string[]; loops: string[] };
}

export interface Policy {
  readonly name: string;
  readonly priority: number;
  /** Scores for the next action; `null` when this policy has no opinion (all zeros in Rasa). */
  predict(
    tracker: Tracker,
    domain: Domain,
    context?: PredictionContext,
  ): { action: string; confidence: number; events?: Event[]; hide_rule_turn?: boolean } | null;
  /**
   * Optional: the probability of every action the policy knows, for policies that have a distribution (TEDPolicy).
   * Rasa's `/predict` answers the winning policy's; the others score only the action they predict.
   */
  scores?(tracker: Tracker, domain: Domain, context?: PredictionContext): ReadonlyMap<string, number>;
  toJSON(): unknown;
}
