/**
 * @module policies/rule-policy
 * RulePolicy (`rasa-protocol.md` §7.3, §8.3): memorised rule turns matched against the end of the
 * conversation, the built-in default-intent and loop behaviour, and a core fallback at
 * `core_fallback_threshold` when nothing matched.
 */
import type { Domain, Event, Tracker } from "../model/index.js";
import { ACTION_LISTEN, latestIntent } from "../model/index.js";
import type { Policy } from "./types.js";
import type { TrainingTracker } from "./story-graph.js";
import type { TurnState } from "./state.js";
import { RULE_SNIPPET_ACTION, SHOULD_NOT_BE_SET, trackerStates, prevActionName, statesAndActions } from "./state.js";
import { RuleIndex } from "./rule-match.js";
import type { BuiltinPrediction } from "./defaults.js";
import {
  ACTION_DEFAULT_FALLBACK,
  DEFAULT_INTENT_ACTIONS,
  defaultIntentAction,
  listenAfterReset,
  loopHappyPath,
} from "./defaults.js";

export const RULE_PRIORITY = 6;
export const DEFAULT_CORE_FALLBACK_THRESHOLD = 0.3;

export interface RulePolicyOptions {
  priority: number;
  core_fallback_threshold: number;
  core_fallback_action_name: string;
  enable_fallback_prediction: boolean;
  restrict_rules: boolean;
  check_for_contradictions: boolean;
  use_nlu_confidence_as_score: boolean;
}

export const RULE_POLICY_DEFAULTS: RulePolicyOptions = {
  priority: RULE_PRIORITY,
  core_fallback_threshold: DEFAULT_CORE_FALLBACK_THRESHOLD,
  core_fallback_action_name: ACTION_DEFAULT_FALLBACK,
  enable_fallback_prediction: true,
  restrict_rules: true,
  check_for_contradictions: true,
  use_nlu_confidence_as_score: false,
};

/** What a learned rule turn predicts, and which rules taught it (for contradiction messages). */
export interface RuleValue {
  action: string;
  sources: string[];
}

/** Loop unhappy-path hints learned from all training data (Rasa's `rules_for_loop_unhappy_path`). */
export type UnhappyHint = "loop_was_interrupted" | "do_not_predict_loop_action";

export interface RulePolicyJSON {
  type: "RulePolicy";
  options: RulePolicyOptions;
  rules: { states: TurnState[]; action: string; sources: string[] }[];
  unhappy: { states: TurnState[]; hint: UnhappyHint }[];
  rule_only: { slots: string[]; loops: string[] };
  rules_not_in_stories: string[];
}

export interface RuleOutcome {
  action: string | null;
  /** The rule entry key or built-in source that decided; null when nothing matched. */
  source: string | null;
  builtin: boolean;
  events: Event[];
}

export class InvalidRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidRuleError";
  }
}

/** The states after the last `...` snippet: what a rule turn really requires. */
function afterSnippet(states: readonly TurnState[]): TurnState[] {
  const out: TurnState[] = [];
  for (let i = states.length - 1; i >= 0; i--) {
    if (prevActionName(states[i]) === RULE_SNIPPET_ACTION) break;
    out.unshift(states[i]!);
  }
  return out;
}

export class RulePolicy implements Policy {
  readonly name = "RulePolicy";
  readonly priority: number;
  /** Slots and loops that only rules mention (Rasa's `rule_only_data`). */
  ruleOnly: { slots: string[]; loops: string[] } = { slots: [], loops: [] };
  /** Sources (rule keys, built-in labels) never used by a story: their turns are logged hidden. */
  notInStories = new Set<string>();

  constructor(
    readonly options: RulePolicyOptions,
    readonly rules: RuleIndex<RuleValue>,
    readonly unhappy: RuleIndex<UnhappyHint>,
  ) {
    this.priority = options.priority;
  }

  /** Every source that can predict: learned rule keys and the built-in behaviours. */
  allSources(domain: Domain): string[] {
    const builtins = [
      ...Object.keys(DEFAULT_INTENT_ACTIONS).map((i) => `predicting default action with intent ${i}`),
      ...Object.keys(domain.forms).flatMap((f) => [
        `handling active loops and forms - ${f}`,
        `handling active loops and forms - ${f} - ${ACTION_LISTEN}`,
      ]),
    ];
    return [...this.rules.entries().map((e) => e.key), ...builtins];
  }

  /** Learns rule turns; raises InvalidRuleError when two rules predict different actions for the same turns. */
  static learn(options: RulePolicyOptions, trackers: readonly TrainingTracker[], domain: Domain): RulePolicy {
    const rules = new RuleIndex<RuleValue>();
    const conflicts: string[] = [];
    const ambiguous = new Set<string>();
    for (const t of trackers.filter((x) => x.isRule)) {
      const { states, actions } = statesAndActions(t.events, domain, { omitUnsetSlots: true });
      actions.forEach((action, i) => {
        if (action === RULE_SNIPPET_ACTION) return;
        const key = afterSnippet(states.slice(0, i + 1));
        if (key.length === 0) return;
        const known = rules.get(key);
        if (!known) {
          if (!ambiguous.has(JSON.stringify(key))) rules.set(key, { action, sources: [t.name] });
        } else if (known.value.action === action) {
          if (!known.value.sources.includes(t.name)) known.value.sources.push(t.name);
        } else {
          conflicts.push(
            `- rule '${t.name}' predicts '${action}' where rule(s) '${known.value.sources.join(", ")}' predict '${known.value.action}'.`,
          );
          ambiguous.add(JSON.stringify(key));
          rules.delete(known.key);
        }
      });
    }
    if (conflicts.length > 0 && options.check_for_contradictions) {
      throw new InvalidRuleError(`Contradicting rules found:\n${conflicts.join("\n")}`);
    }
    const policy = new RulePolicy(options, rules, learnUnhappyHints(trackers, domain));
    policy.ruleOnly = ruleOnlySlotsAndLoops(trackers, domain);
    return policy;
  }

  static fromJSON(json: RulePolicyJSON): RulePolicy {
    const rules = new RuleIndex<RuleValue>();
    for (const r of json.rules) rules.set(r.states, { action: r.action, sources: [...r.sources] });
    const unhappy = new RuleIndex<UnhappyHint>();
    for (const u of json.unhappy) unhappy.set(u.states, u.hint);
    const policy = new RulePolicy({ ...RULE_POLICY_DEFAULTS, ...json.options }, rules, unhappy);
    policy.ruleOnly = { slots: [...(json.rule_only?.slots ?? [])], loops: [...(json.rule_only?.loops ?? [])] };
    policy.notInStories = new Set(json.rules_not_in_stories ?? []);
    return policy;
  }

  /** The rule decision without the core fallback: `action` null when no rule applies. */
  decide(tracker: Tracker, domain: Domain): RuleOutcome {
    const builtin = (p: BuiltinPrediction): RuleOutcome => ({
      action: p.action,
      source: p.source,
      builtin: true,
      events: [],
    });
    const fixed = defaultIntentAction(tracker) ?? loopHappyPath(tracker) ?? listenAfterReset(tracker);
    if (fixed) return builtin(fixed);

    const states = trackerStates(tracker, domain, Math.max(this.rules.longest, this.unhappy.longest));
    const best = this.rules.bestMatch(states);
    let action = best?.value.action ?? null;
    const events: Event[] = [];
    const loop = tracker.state.activeLoop?.name;
    if (loop) {
      const hints = new Set(this.unhappy.matchAll(states).map((e) => e.value));
      // A general rule (not about this loop) that ends in a listen hands control back to the loop.
      const generalListen = action === ACTION_LISTEN && best?.states.at(-1)?.active_loop?.name !== loop;
      if (generalListen) {
        if (!hints.has("do_not_predict_loop_action"))
          return { action: loop, source: best?.key ?? null, builtin: false, events };
        action = null;
      }
      if (hints.has("loop_was_interrupted")) {
        events.push({ event: "loop_interrupted", timestamp: Date.now() / 1000, is_interrupted: true });
      }
    }
    return { action, source: action ? (best?.key ?? null) : null, builtin: false, events };
  }

  predict(
    tracker: Tracker,
    domain: Domain,
  ): { action: string; confidence: number; events?: Event[]; hide_rule_turn?: boolean } | null {
    const outcome = this.decide(tracker, domain);
    if (outcome.action) {
      let confidence = 1;
      if (this.options.use_nlu_confidence_as_score && !outcome.builtin) {
        const intent = tracker.state.latestMessage?.parse_data.intent;
        if (latestIntent(tracker.state) && intent && "confidence" in intent) confidence = intent.confidence;
      }
      const hide = outcome.source !== null && this.notInStories.has(outcome.source);
      return { action: outcome.action, confidence, events: outcome.events, hide_rule_turn: hide };
    }
    if (!this.options.enable_fallback_prediction) return null;
    return {
      action: this.options.core_fallback_action_name,
      confidence: this.options.core_fallback_threshold,
      events: outcome.events,
    };
  }

  toJSON(): RulePolicyJSON {
    return {
      type: "RulePolicy",
      options: this.options,
      rules: this.rules.entries().map((e) => ({ states: e.states, action: e.value.action, sources: e.value.sources })),
      unhappy: this.unhappy.entries().map((e) => ({ states: e.states, hint: e.value })),
      rule_only: this.ruleOnly,
      rules_not_in_stories: [...this.notInStories],
    };
  }
}

function slotsAndLoops(trackers: readonly TrainingTracker[], domain: Domain, rules: boolean) {
  const slots = new Set<string>();
  const loops = new Set<string>();
  for (const t of trackers.filter((x) => x.isRule === rules)) {
    for (const s of statesAndActions(t.events, domain, { omitUnsetSlots: rules }).states) {
      for (const name of Object.keys(s.slots ?? {})) slots.add(name);
      if (s.active_loop && s.active_loop.name !== SHOULD_NOT_BE_SET) loops.add(s.active_loop.name);
    }
  }
  return { slots, loops };
}

/** Slots and loops that appear in rules but in no story (Rasa's `_find_rule_only_slots_loops`). */
function ruleOnlySlotsAndLoops(trackers: readonly TrainingTracker[], domain: Domain) {
  const inRules = slotsAndLoops(trackers, domain, true);
  const inStories = slotsAndLoops(trackers, domain, false);
  return {
    slots: [...inRules.slots].filter((s) => !inStories.slots.has(s)),
    loops: [...inRules.loops].filter((l) => !inStories.loops.has(l)),
  };
}

/**
 * Inside an active loop, the last two turns of any training example tell whether the loop was just
 * interrupted (listen → loop: the loop should not validate) or must not be resumed (an action → not the loop).
 */
function learnUnhappyHints(trackers: readonly TrainingTracker[], domain: Domain): RuleIndex<UnhappyHint> {
  const hints = new RuleIndex<UnhappyHint>();
  for (const t of trackers) {
    const { states, actions } = statesAndActions(t.events, domain, { omitUnsetSlots: t.isRule });
    actions.forEach((action, i) => {
      const last = states[i]!;
      const loop = last.active_loop?.name;
      if (!loop || loop === SHOULD_NOT_BE_SET || action === RULE_SNIPPET_ACTION) return;
      const prev = states[i - 1]?.prev_action;
      const key = afterSnippet(i > 0 && prev ? [{ prev_action: prev }, last] : [last]);
      if (key.length === 0) return;
      const afterListen = prevActionName(last) === ACTION_LISTEN;
      if (afterListen && action === loop) hints.set(key, "loop_was_interrupted");
      else if (!afterListen && action !== loop) hints.set(key, "do_not_predict_loop_action");
    });
  }
  return hints;
}
