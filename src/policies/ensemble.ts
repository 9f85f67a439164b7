/**
 * @module policies/ensemble
 * Policy arbitration (`rasa-protocol.md` §8.3): the most confident prediction wins, ties go to the higher
 * priority, then to the earlier policy in the config. Below the core fallback threshold the ensemble
 * predicts the core fallback action. Names follow Rasa's graph nodes: `policy_<index in config>_<Name>`.
 */
import type { Domain, Event, Tracker } from "../model/index.js";
import { ACTION_LISTEN, latestActionName } from "../model/index.js";
import type { Policy, PolicyPrediction, PredictionContext } from "./types.js";
import type { RulePolicyOptions } from "./rule-policy.js";
import { RULE_POLICY_DEFAULTS, RulePolicy } from "./rule-policy.js";

export interface EnsembleMember {
  /** Position in the config's `policies:` list. */
  index: number;
  policy: Policy;
}

export interface EnsembleJSON {
  version: 1;
  policies: { index: number; policy: unknown }[];
}

export function policyNodeName(index: number, name: string): string {
  return `policy_${index}_${name}`;
}

export class PolicyEnsemble {
  private readonly fallback: { threshold: number; action: string; enabled: boolean; policy: string };
  private readonly context: PredictionContext;
  /** Each member's node name, built once: every `action` event stores it, so they all share one string. */
  private readonly nodeNames: ReadonlyMap<EnsembleMember, string>;

  constructor(readonly members: readonly EnsembleMember[]) {
    this.nodeNames = new Map(members.map((m) => [m, policyNodeName(m.index, m.policy.name)]));
    const rule = members.find((m) => m.policy instanceof RulePolicy);
    const opts: RulePolicyOptions = rule ? (rule.policy as RulePolicy).options : RULE_POLICY_DEFAULTS;
    const owner = rule ?? members[0];
    this.context = rule ? { ruleOnly: (rule.policy as RulePolicy).ruleOnly } : {};
    this.fallback = {
      threshold: opts.core_fallback_threshold,
      action: opts.core_fallback_action_name,
      enabled: opts.enable_fallback_prediction,
      policy: owner ? policyNodeName(owner.index, owner.policy.name) : policyNodeName(0, "RulePolicy"),
    };
  }

  /** Next action for the tracker. A pending `followup_action` is the processor's business, not ours. */
  predict(tracker: Tracker, domain: Domain): PolicyPrediction {
    let best: { member: EnsembleMember; action: string; confidence: number; events: Event[]; hide: boolean } | null =
      null;
    for (const member of this.members) {
      const p = member.policy.predict(tracker, domain, this.context);
      if (!p) continue;
      const better =
        !best ||
        p.confidence > best.confidence ||
        (p.confidence === best.confidence && member.policy.priority > best.member.policy.priority);
      if (better)
        best = { member, action: p.action, confidence: p.confidence, events: p.events ?? [], hide: !!p.hide_rule_turn };
    }
    const featurization = this.userFeaturization(tracker);
    if (!best || best.confidence < this.fallback.threshold) {
      // Rasa with `enable_fallback_prediction: false` has nothing to offer: all-zero scores pick action_listen.
      const action = this.fallback.enabled ? this.fallback.action : ACTION_LISTEN;
      const confidence = this.fallback.enabled ? this.fallback.threshold : 0;
      return { action, confidence, policy: this.fallback.policy, events: [...featurization, ...(best?.events ?? [])] };
    }
    return {
      action: best.action,
      confidence: best.confidence,
      policy: this.nodeNames.get(best.member)!,
      events: [...featurization, ...best.events],
      hide_rule_turn: best.hide,
    };
  }

  /**
   * The whole distribution of the policy that made `prediction` (by its node name), when that policy has one; what
   * Rasa's `/predict` answers as `scores`. Asked for only then, so turns never pay for it.
   */
  winnerScores(
    prediction: { policy: string | null },
    tracker: Tracker,
    domain: Domain,
  ): ReadonlyMap<string, number> | null {
    const winner = this.members.find((m) => this.nodeNames.get(m) === prediction.policy);
    return winner?.policy.scores?.(tracker, domain, this.context) ?? null;
  }

  /** Rasa logs once per user turn that the user message was featurised by intent, not text. */
  private userFeaturization(tracker: Tracker): Event[] {
    if (latestActionName(tracker.state) !== ACTION_LISTEN || !tracker.state.latestMessage) return [];
    return [{ event: "user_featurization", timestamp: Date.now() / 1000, use_text_for_featurization: false }];
  }

  toJSON(): EnsembleJSON {
    return { version: 1, policies: this.members.map((m) => ({ index: m.index, policy: m.policy.toJSON() })) };
  }
}
