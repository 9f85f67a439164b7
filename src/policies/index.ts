/**
 * @module policies
 * Dialogue policies: training from stories and rules, prediction through the ensemble, JSON persistence.
 *
 * @example
 * const ensemble = trainPolicies(config.policies, trainingData, domain, { warn: console.warn });
 * const next = ensemble.predict(tracker, domain); // { action, confidence, policy: "policy_1_RulePolicy", events }
 * const again = loadPolicies(JSON.parse(JSON.stringify(ensemble)), domain);
 */
import type { ComponentConfig, Domain, TrainingData } from "../model/index.js";
import { allActionNames } from "../model/index.js";
import type { Policy } from "./types.js";
import type { EnsembleMember } from "./ensemble.js";
import { PolicyEnsemble } from "./ensemble.js";
import type { MemoizationJSON } from "./memoization.js";
import { MEMOIZATION_PRIORITY, MemoizationPolicy } from "./memoization.js";
import type { RulePolicyJSON, RulePolicyOptions } from "./rule-policy.js";
import { RULE_POLICY_DEFAULTS, RulePolicy } from "./rule-policy.js";
import { ruleTrackers, storyTrackers } from "./story-graph.js";
import { checkContradictions, checkRuleRestriction } from "./contradictions.js";
import type { LearnedPolicyJSON, LearnedPolicyOptions } from "./learned/ted-policy.js";
import { LEARNED_POLICY_DEFAULTS, LearnedPolicy } from "./learned/ted-policy.js";

export type { Policy, PolicyPrediction } from "./types.js";
export { PolicyEnsemble, policyNodeName } from "./ensemble.js";
export type { EnsembleJSON } from "./ensemble.js";
export { InvalidRuleError, RulePolicy } from "./rule-policy.js";
export { MemoizationPolicy } from "./memoization.js";
export { LearnedPolicy, LEARNED_POLICY_DEFAULTS } from "./learned/ted-policy.js";
export type { LearnedPolicyOptions } from "./learned/ted-policy.js";
export { conversationStates, statesAndActions } from "./state.js";
export type { TurnState } from "./state.js";
export { ruleTrackers, storyTrackers } from "./story-graph.js";
export type { TrainingTracker } from "./story-graph.js";

export interface TrainPoliciesOptions {
  /** Called once per policy name Confab skips. */
  warn?: (message: string) => void;
}

export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyConfigError";
  }
}

/** Rasa 3's default when `policies:` is empty (UnexpecTEDIntentPolicy left out: Confab lacks it). */
export const DEFAULT_POLICIES: ComponentConfig[] = [
  { name: "MemoizationPolicy" },
  { name: "RulePolicy" },
  { name: "TEDPolicy", max_history: 5, epochs: 100 },
];

const UNSUPPORTED = new Set(["UnexpecTEDIntentPolicy"]);
const REMOVED_IN_RASA_3 = new Set(["FormPolicy", "MappingPolicy", "FallbackPolicy", "TwoStageFallbackPolicy"]);

function shortName(name: string): string {
  // `rasa.core.policies.rule_policy.RulePolicy` names a built-in class by its module path.
  return name.startsWith("rasa.") ? (name.split(".").at(-1) ?? name) : name;
}

function optNumber(c: ComponentConfig, key: string, fallback: number, check: (n: number) => boolean): number {
  const v = c[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "number" || !check(v)) {
    throw new PolicyConfigError(`${c.name}: option '${key}' must be a valid number, got ${JSON.stringify(v)}.`);
  }
  return v;
}

function optBool(c: ComponentConfig, key: string, fallback: boolean): boolean {
  const v = c[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== "boolean") throw new PolicyConfigError(`${c.name}: option '${key}' must be true or false.`);
  return v;
}

function maxHistory(c: ComponentConfig): number | null {
  const v = c.max_history;
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new PolicyConfigError(`${c.name}: option 'max_history' must be a positive integer or null.`);
  }
  return v;
}

function learnedOptions(c: ComponentConfig): LearnedPolicyOptions {
  const d = LEARNED_POLICY_DEFAULTS;
  const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;
  return {
    max_history: maxHistory(c) ?? d.max_history,
    epochs: optNumber(c, "epochs", d.epochs, positiveInt),
    priority: optNumber(c, "priority", d.priority, Number.isFinite),
    augmentation_factor: optNumber(
      c,
      "augmentation_factor",
      d.augmentation_factor,
      (n) => Number.isInteger(n) && n >= 0,
    ),
    hidden_units: optNumber(c, "hidden_units", d.hidden_units, positiveInt),
    learning_rate: optNumber(c, "learning_rate", d.learning_rate, (n) => n > 0 && n < 1),
    random_seed: optNumber(c, "random_seed", d.random_seed, Number.isInteger),
    ranking_length: optNumber(c, "ranking_length", d.ranking_length, (n) => Number.isInteger(n) && n >= 0),
  };
}

function ruleOptions(c: ComponentConfig, domain: Domain): RulePolicyOptions {
  const d = RULE_POLICY_DEFAULTS;
  const fallbackName = c.core_fallback_action_name ?? d.core_fallback_action_name;
  if (typeof fallbackName !== "string" || fallbackName === "") {
    throw new PolicyConfigError(`RulePolicy: option 'core_fallback_action_name' must be an action name.`);
  }
  if (!allActionNames(domain).includes(fallbackName)) {
    throw new PolicyConfigError(`RulePolicy: the fallback action '${fallbackName}' must be present in the domain.`);
  }
  return {
    priority: optNumber(c, "priority", d.priority, Number.isFinite),
    core_fallback_threshold: optNumber(
      c,
      "core_fallback_threshold",
      d.core_fallback_threshold,
      (n) => n >= 0 && n <= 1,
    ),
    core_fallback_action_name: fallbackName,
    enable_fallback_prediction: optBool(c, "enable_fallback_prediction", d.enable_fallback_prediction),
    restrict_rules: optBool(c, "restrict_rules", d.restrict_rules),
    check_for_contradictions: optBool(c, "check_for_contradictions", d.check_for_contradictions),
    use_nlu_confidence_as_score: optBool(c, "use_nlu_confidence_as_score", d.use_nlu_confidence_as_score),
  };
}

/**
 * Trains the configured policies. Throws PolicyConfigError for bad options and InvalidRuleError for
 * rules that break `restrict_rules` or contradict stories/other rules.
 */
export function trainPolicies(
  configs: readonly ComponentConfig[],
  data: TrainingData,
  domain: Domain,
  opts: TrainPoliciesOptions = {},
): PolicyEnsemble {
  const list = configs.length > 0 ? configs : DEFAULT_POLICIES;
  const stories = storyTrackers(data.stories, domain);
  const rules = ruleTrackers(data.rules, domain);
  const members: EnsembleMember[] = [];
  const warned = new Set<string>();
  list.forEach((c, index) => {
    if (typeof c.name !== "string" || c.name === "") throw new PolicyConfigError(`Policy #${index + 1} has no name.`);
    const name = shortName(c.name);
    let policy: Policy | null = null;
    if (name === "MemoizationPolicy" || name === "AugmentedMemoizationPolicy") {
      const memoOpts = {
        max_history: maxHistory(c),
        priority: optNumber(c, "priority", MEMOIZATION_PRIORITY, Number.isFinite),
        augmented: name === "AugmentedMemoizationPolicy",
      };
      policy = MemoizationPolicy.train(memoOpts, stories, domain);
    } else if (name === "RulePolicy") {
      const ruleOpts = ruleOptions(c, domain);
      if (ruleOpts.restrict_rules) checkRuleRestriction(rules);
      const rule = RulePolicy.learn(ruleOpts, [...rules, ...stories], domain);
      if (ruleOpts.check_for_contradictions) checkContradictions(rule, [...rules, ...stories], domain);
      policy = rule;
    } else if (name === "TEDPolicy") {
      policy = LearnedPolicy.train(learnedOptions(c), stories, domain);
    } else if (REMOVED_IN_RASA_3.has(name)) {
      throw new PolicyConfigError(`${name} was removed in Rasa 3.0; use RulePolicy with rules instead.`);
    } else if (UNSUPPORTED.has(name) || name.includes(".")) {
      if (!warned.has(name)) {
        warned.add(name);
        opts.warn?.(`Confab does not support the policy '${name}'; it is skipped.`);
      }
    } else {
      throw new PolicyConfigError(
        `Unknown policy '${c.name}'. Known: MemoizationPolicy, AugmentedMemoizationPolicy, RulePolicy, TEDPolicy, UnexpecTEDIntentPolicy, or a custom 'module.Class'.`,
      );
    }
    if (policy) members.push({ index, policy });
  });
  return new PolicyEnsemble(members);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Restores an ensemble saved with `ensemble.toJSON()`. */
export function loadPolicies(json: unknown, _domain: Domain): PolicyEnsemble {
  if (!isRecord(json) || json.version !== 1 || !Array.isArray(json.policies)) {
    throw new PolicyConfigError("Saved policies are not in Confab's format (expected {version: 1, policies: [...]}).");
  }
  const members = json.policies.map((entry: unknown, i): EnsembleMember => {
    if (!isRecord(entry) || typeof entry.index !== "number" || !isRecord(entry.policy)) {
      throw new PolicyConfigError(`Saved policy #${i + 1} is malformed.`);
    }
    const p = entry.policy;
    if (p.type === "RulePolicy" && Array.isArray(p.rules) && Array.isArray(p.unhappy)) {
      return { index: entry.index, policy: RulePolicy.fromJSON(p as unknown as RulePolicyJSON) };
    }
    if ((p.type === "MemoizationPolicy" || p.type === "AugmentedMemoizationPolicy") && isRecord(p.lookup)) {
      return { index: entry.index, policy: MemoizationPolicy.fromJSON(p as unknown as MemoizationJSON) };
    }
    if (p.type === "TEDPolicy" && Array.isArray(p.features) && Array.isArray(p.actions)) {
      return { index: entry.index, policy: LearnedPolicy.fromJSON(p as unknown as LearnedPolicyJSON) };
    }
    throw new PolicyConfigError(`Saved policy #${i + 1} has unknown type ${JSON.stringify(p.type)}.`);
  });
  return new PolicyEnsemble(members);
}
