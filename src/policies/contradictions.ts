/**
 * @module policies/contradictions
 * Training-time checks of RulePolicy (`restrict_rules`, `check_for_contradictions`, `rasa-protocol.md` §8.3):
 * every rule and story is replayed and, at each predictable action, the learned rules must not
 * predict something else. Like Rasa, the action right after the start or a `...` snippet is not checked,
 * and a rule's "listen after its opening action" gives way to a story that continues differently.
 */
import type { Domain, Event, Tracker } from "../model/index.js";
import { ACTION_LISTEN, appendEvents, createTracker, initialSlotValues } from "../model/index.js";
import type { TrainingTracker } from "./story-graph.js";
import { userTurns } from "./story-graph.js";
import { RULE_SNIPPET_ACTION } from "./state.js";
import type { RulePolicy, RuleOutcome } from "./rule-policy.js";
import { InvalidRuleError } from "./rule-policy.js";

/** Rules may hold one user turn: they are not meant to hard-code a state machine. */
export function checkRuleRestriction(trackers: readonly TrainingTracker[]): void {
  const tooLong = [...new Set(trackers.filter((t) => t.isRule && userTurns(t) > 1).map((t) => t.name))];
  if (tooLong.length > 0) {
    throw new InvalidRuleError(
      `Found rules '${tooLong.join(", ")}' that contain more than 1 user message. ` +
        `Rules are not meant to hardcode a state machine. Please use stories for these cases.`,
    );
  }
}

function decideWithRejection(policy: RulePolicy, tracker: Tracker, domain: Domain, gold: string): RuleOutcome {
  const outcome = policy.decide(tracker, domain);
  const loop = tracker.state.activeLoop?.name;
  // Inside a loop the policy first offers the loop; when the data goes elsewhere, Rasa replays it as rejected.
  if (loop && outcome.action === loop && gold !== loop) {
    const rejected: Event = {
      event: "action_execution_rejected",
      timestamp: 0,
      name: loop,
      policy: null,
      confidence: null,
    };
    return policy.decide(appendEvents(tracker, [rejected]), domain);
  }
  return outcome;
}

/** A one-turn rule "listen after action X" that a longer rule extends; stories may continue X differently. */
function isOpeningListen(policy: RulePolicy, outcome: RuleOutcome): boolean {
  if (outcome.action !== ACTION_LISTEN || outcome.builtin || !outcome.source) return false;
  const entry = policy.rules.entries().find((e) => e.key === outcome.source);
  if (!entry || entry.states.length !== 1) return false;
  const first = JSON.stringify(entry.states[0]);
  return policy.rules.entries().some((e) => e.states.length > 1 && JSON.stringify(e.states[0]) === first);
}

function sourceNames(policy: RulePolicy, outcome: RuleOutcome): string[] {
  if (outcome.builtin) return [outcome.source ?? "built-in rule"];
  const entry = policy.rules.entries().find((e) => e.key === outcome.source);
  return entry ? entry.value.sources : [];
}

/**
 * Replays rules and stories against the learned rules. Throws InvalidRuleError naming both sides
 * of each contradiction; drops opening-listen rule turns that a story legitimately continues.
 */
export function checkContradictions(policy: RulePolicy, trackers: readonly TrainingTracker[], domain: Domain): void {
  const errors: string[] = [];
  const usedInStories = new Set<string>();
  const initial = initialSlotValues(domain);
  // Rules first, so that the opening-listen pruning from stories cannot hide a rule/rule conflict.
  const ordered = [...trackers.filter((t) => t.isRule), ...trackers.filter((t) => !t.isRule)];
  for (const t of ordered) {
    let tracker = createTracker(t.name, initial);
    let unpredictable = true;
    for (const e of t.events) {
      if (e.event === "action") {
        const gold = e.name ?? e.action_text ?? "";
        if (gold === RULE_SNIPPET_ACTION) unpredictable = true;
        else if (unpredictable) unpredictable = false;
        else {
          const outcome = decideWithRejection(policy, tracker, domain, gold);
          if (!t.isRule && outcome.action === gold && outcome.source) usedInStories.add(outcome.source);
          if (outcome.action && outcome.action !== gold) {
            if (!t.isRule && isOpeningListen(policy, outcome) && outcome.source) {
              policy.rules.delete(outcome.source);
            } else {
              const kind = t.isRule ? "rule" : "story";
              const names = sourceNames(policy, outcome).filter((n) => n !== t.name || !t.isRule);
              if (names.length > 0) {
                errors.push(
                  `- the prediction of the action '${gold}' in ${kind} '${t.name}' is contradicting with ` +
                    `rule(s) '${names.join(", ")}' which predicted action '${outcome.action}'.`,
                );
              }
            }
          }
        }
      }
      tracker = appendEvents(tracker, [e]);
    }
  }
  // Turns from rules no story relies on are logged hidden, so story-based policies can skip them.
  policy.notInStories = new Set(policy.allSources(domain).filter((s) => !usedInStories.has(s)));
  if (errors.length > 0) {
    throw new InvalidRuleError(
      `Contradicting rules or stories found:\n${[...new Set(errors)].join("\n")}\n` +
        `Please update your stories and rules so that they don't contradict each other.`,
    );
  }
}
