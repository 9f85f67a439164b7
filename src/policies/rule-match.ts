/**
 * @module policies/rule-match
 * Matching rule state sequences against a conversation (Rasa's `RulePolicy._is_rule_applicable` and
 * `_does_rule_match_state`): a rule's turns, aligned with the conversation's last turns, must each be a
 * subset of the conversation's turn; `should_not_be_set` demands absence. Rules are bucketed by the
 * previous action of their last turn, so a prediction only looks at the few rules that can apply.
 */
import type { TurnState } from "./state.js";
import { SHOULD_NOT_BE_SET, statesKey } from "./state.js";

export interface RuleEntry<T> {
  states: TurnState[];
  key: string;
  value: T;
}

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Are the rule turn's features present in the conversation turn? */
export function ruleStateMatches(rule: TurnState, conv: TurnState): boolean {
  if (rule.user) {
    if (rule.user.intent !== undefined && rule.user.intent !== conv.user?.intent) return false;
    if (rule.user.entities?.length && !sameJSON(rule.user.entities, conv.user?.entities ?? [])) return false;
  }
  if (rule.prev_action) {
    const p = rule.prev_action;
    if (p.action_name !== undefined && p.action_name !== conv.prev_action?.action_name) return false;
    if (p.action_text !== undefined && p.action_text !== conv.prev_action?.action_text) return false;
  }
  for (const [slot, feature] of Object.entries(rule.slots ?? {})) {
    const have = conv.slots?.[slot];
    if (feature === SHOULD_NOT_BE_SET) {
      if (have !== undefined && have !== SHOULD_NOT_BE_SET) return false;
    } else if (!sameJSON(feature, have)) return false;
  }
  if (rule.active_loop) {
    const have = conv.active_loop?.name;
    if (rule.active_loop.name === SHOULD_NOT_BE_SET) {
      if (have !== undefined && have !== SHOULD_NOT_BE_SET) return false;
    } else if (rule.active_loop.name !== have) return false;
  }
  return true;
}

/** Does the whole rule fit the end of the conversation? */
export function ruleMatches(rule: readonly TurnState[], conv: readonly TurnState[]): boolean {
  if (rule.length > conv.length) return false;
  for (let i = 1; i <= rule.length; i++) {
    const r = rule[rule.length - i]!;
    const c = conv[conv.length - i]!;
    // A turn without a previous action is the conversation start (`conversation_start: true` rules);
    // it only lines up with the real start of the conversation.
    if (!r.prev_action && !c.prev_action) continue;
    if (!r.prev_action || !c.prev_action) return false;
    if (!ruleStateMatches(r, c)) return false;
  }
  return true;
}

function bucketOf(state: TurnState | undefined): string {
  const p = state?.prev_action;
  if (!p) return "";
  return p.action_name !== undefined ? `a:${p.action_name}` : `t:${p.action_text ?? ""}`;
}

export class RuleIndex<T> {
  private readonly buckets = new Map<string, RuleEntry<T>[]>();
  private readonly byKey = new Map<string, RuleEntry<T>>();

  private longestCache: number | null = null;

  get size(): number {
    return this.byKey.size;
  }

  /** The most turns any entry spans: matching never needs to look further back than this. */
  get longest(): number {
    this.longestCache ??= Math.max(0, ...[...this.byKey.values()].map((e) => e.states.length));
    return this.longestCache;
  }

  entries(): RuleEntry<T>[] {
    return [...this.byKey.values()];
  }

  get(states: readonly TurnState[]): RuleEntry<T> | undefined {
    return this.byKey.get(statesKey(states));
  }

  set(states: TurnState[], value: T): RuleEntry<T> {
    const key = statesKey(states);
    const existing = this.byKey.get(key);
    if (existing) {
      existing.value = value;
      return existing;
    }
    const entry: RuleEntry<T> = { states, key, value };
    this.byKey.set(key, entry);
    this.longestCache = null;
    const b = bucketOf(states.at(-1));
    this.buckets.set(b, [...(this.buckets.get(b) ?? []), entry]);
    return entry;
  }

  delete(key: string): void {
    const entry = this.byKey.get(key);
    if (!entry) return;
    this.byKey.delete(key);
    this.longestCache = null;
    const b = bucketOf(entry.states.at(-1));
    this.buckets.set(
      b,
      (this.buckets.get(b) ?? []).filter((e) => e !== entry),
    );
  }

  /** All entries matching the conversation. */
  matchAll(conv: readonly TurnState[]): RuleEntry<T>[] {
    return (this.buckets.get(bucketOf(conv.at(-1))) ?? []).filter((e) => ruleMatches(e.states, conv));
  }

  /** The matching entry covering the most turns (Rasa keeps the longest rule key). */
  bestMatch(conv: readonly TurnState[]): RuleEntry<T> | undefined {
    let best: RuleEntry<T> | undefined;
    for (const e of this.matchAll(conv)) {
      if (
        !best ||
        e.states.length > best.states.length ||
        (e.states.length === best.states.length && e.key.length > best.key.length)
      )
        best = e;
    }
    return best;
  }
}
