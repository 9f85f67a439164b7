/**
 * @module evaluation/core/evaluate
 * Replays test stories against the trained policies the way `rasa test core` does (`rasa-protocol.md`
 * §7.6): no action is executed; at each `action` step the policies predict from the story so far and the
 * gold action is logged afterwards, so a mistake never derails the rest of the story. A form that the
 * story leaves is treated as rejected (Rasa's `emulate_loop_rejection`) before predicting again. With `e2e`, each
 * user message is also checked against the NLU's parse of its text (`user-utterance.ts`); the story's own intent and
 * entities stay in the replay either way.
 */
import type { Domain, Event, ParseResult, Story, Tracker } from "../../model/index.js";
import { allActionNames, appendEvents, createTracker, initialSlotValues } from "../../model/index.js";
import type { PolicyEnsemble } from "../../policies/index.js";
import { storyTrackers } from "../../policies/index.js";
import type { UtteranceResult } from "./user-utterance.js";
import { checkUtterance } from "./user-utterance.js";

export interface ActionResult {
  gold: string;
  predicted: string;
  policy: string | null;
  confidence: number;
}

export interface StoryResult {
  name: string;
  /** The story's events as replayed (gold actions, with the prediction's policy and confidence). */
  events: Event[];
  /** One entry per predicted action, in order; `eventIndex` points into `events`. */
  actions: (ActionResult & { eventIndex: number })[];
  /** With `e2e`: one entry per user message, the NLU's intent and entities against the story's. */
  utterances: UtteranceResult[];
  failed: boolean;
  /** `action_unlikely_intent` was predicted (never by Confab's policies, kept for the report format). */
  warning: boolean;
}

export interface EvaluateOptions {
  /** Parses `user:` steps that have no intent (end-to-end stories). */
  parse?: (text: string) => Promise<ParseResult>;
  /** Rasa's end-to-end test: also score the NLU on every user message (needs `parse`). */
  e2e?: boolean;
}

function predictNext(ensemble: PolicyEnsemble, tracker: Tracker, domain: Domain) {
  const followup = tracker.state.followupAction;
  if (followup && allActionNames(domain).includes(followup)) {
    return { action: followup, confidence: 1, policy: "followup_action", events: [] as Event[], hide: false };
  }
  const p = ensemble.predict(tracker, domain);
  return { action: p.action, confidence: p.confidence, policy: p.policy, events: p.events, hide: !!p.hide_rule_turn };
}

/**
 * A retrieval action (`utter_chitchat`) counts as the full response name (`utter_chitchat/ask_name`) the
 * latest message selected, as Rasa's test compares it (`get_full_retrieval_name`).
 */
function fullRetrievalName(predicted: string, expected: string, tracker: Tracker): string {
  if (!expected.startsWith(`${predicted}/`)) return predicted;
  const parse = tracker.state.latestMessage?.parse_data;
  const base = predicted.slice("utter_".length);
  const selector = parse?.response_selector?.[base] as { response?: { intent_response_key?: string } } | undefined;
  const intent = parse?.intent;
  const full =
    selector?.response?.intent_response_key ??
    (intent && "name" in intent ? (intent.full_retrieval_intent_name ?? intent.name) : undefined);
  return full?.startsWith(`${base}/`) ? `utter_${full}` : predicted;
}

async function withParsedText(events: Event[], parse: EvaluateOptions["parse"]): Promise<Event[]> {
  if (!parse) return events;
  const out: Event[] = [];
  for (const e of events) {
    const noIntent = e.event === "user" && e.parse_data && !("name" in e.parse_data.intent);
    if (noIntent && e.event === "user" && e.text) out.push({ ...e, parse_data: await parse(e.text) });
    else out.push(e);
  }
  return out;
}

/** The story's user message checked against the NLU (a message without text is its own prediction). */
async function checkedUtterance(
  written: Extract<Event, { event: "user" }>,
  parsed: ParseResult | undefined,
  parse: (text: string) => Promise<ParseResult>,
  eventIndex: number,
): Promise<UtteranceResult | null> {
  const prediction = parsed ?? (written.text ? await parse(written.text) : written.parse_data);
  return prediction ? checkUtterance(written, prediction, eventIndex) : null;
}

export async function evaluateStories(
  stories: readonly Story[],
  ensemble: PolicyEnsemble,
  domain: Domain,
  options: EvaluateOptions = {},
): Promise<StoryResult[]> {
  const results: StoryResult[] = [];
  const initial = initialSlotValues(domain);
  for (const story of storyTrackers(stories, domain)) {
    const gold = await withParsedText(story.events, options.parse);
    // The opening listen is where every conversation starts; it is not predicted.
    let tracker = createTracker(story.name, initial, gold.slice(0, 1));
    const replayed: Event[] = [...gold.slice(0, 1)];
    const actions: StoryResult["actions"] = [];
    const utterances: UtteranceResult[] = [];
    for (let k = 1; k < gold.length; k++) {
      const e = gold[k]!;
      const written = story.events[k]!;
      if (options.e2e && options.parse && written.event === "user") {
        // A message without an intent was parsed above already; `e` holds that parse.
        const parsed = e !== written && e.event === "user" ? e.parse_data : undefined;
        const utterance = await checkedUtterance(written, parsed, options.parse, replayed.length);
        if (utterance) utterances.push(utterance);
      }
      // Listening before the first user message is how every conversation opens; it is not predicted.
      const opening = e.event === "action" && e.name === "action_listen" && !tracker.state.latestMessage;
      if (e.event !== "action" || opening) {
        tracker = appendEvents(tracker, [e]);
        replayed.push(e);
        continue;
      }
      const expected = e.name ?? e.action_text ?? "";
      let p = predictNext(ensemble, tracker, domain);
      const loop = tracker.state.activeLoop?.name;
      if (p.action !== expected && loop === p.action && loop in domain.forms) {
        const rejected: Event = {
          event: "action_execution_rejected",
          timestamp: 0,
          name: loop,
          policy: p.policy,
          confidence: p.confidence,
        };
        tracker = appendEvents(tracker, [rejected]);
        p = predictNext(ensemble, tracker, domain);
      }
      const predicted = fullRetrievalName(p.action, expected, tracker);
      const logged: Event = { ...e, policy: p.policy, confidence: p.confidence };
      if (predicted === expected && logged.event === "action") {
        // Logged as the processor would run it: the retrieval action by its own name, hidden rule turns hidden.
        if (logged.name !== null) logged.name = p.action;
        if (p.hide) logged.hide_rule_turn = true;
      }
      tracker = appendEvents(tracker, [logged]);
      actions.push({
        gold: expected,
        predicted,
        policy: p.policy,
        confidence: p.confidence,
        eventIndex: replayed.length,
      });
      replayed.push(logged);
    }
    results.push({
      name: story.name,
      events: replayed,
      actions,
      utterances,
      failed: actions.some((a) => a.gold !== a.predicted) || utterances.some((u) => u.wrong),
      warning: actions.some((a) => a.predicted === "action_unlikely_intent"),
    });
  }
  return results;
}
