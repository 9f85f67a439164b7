/**
 * @module actions/builtin/fallback-history
 * Tracker questions the fallback actions ask (Rasa's two_stage_fallback helpers).
 */
import { ACTION_LISTEN, eventsAfterLatestRestart } from "../../model/index.js";
import type { Event, Tracker } from "../../model/index.js";

type UserEvent = Extract<Event, { event: "user" }>;

export const NLU_FALLBACK_INTENT = "nlu_fallback";
export const OUT_OF_SCOPE_INTENT = "out_of_scope";

function intentOf(e: UserEvent): string | null {
  const intent = e.parse_data?.intent;
  return intent && "name" in intent ? intent.name : null;
}

/** Intent names of the last `n` user messages since the latest restart, newest first. */
export function lastIntentNames(tracker: Tracker, n: number): (string | null)[] {
  const users = eventsAfterLatestRestart(tracker.events).filter((e): e is UserEvent => e.event === "user");
  return users.slice(-n).reverse().map(intentOf);
}

/** Name of the `skip`-th latest action other than `action_listen`. */
export function lastActionOtherThanListen(tracker: Tracker, skip = 0): string | null {
  let seen = 0;
  for (let i = tracker.events.length - 1; i >= 0; i--) {
    const e = tracker.events[i]!;
    if (e.event !== "action" || e.name === ACTION_LISTEN) continue;
    if (seen === skip) return e.name ?? null;
    seen += 1;
  }
  return null;
}

/** The latest user message with its intent made certain: what the user meant, once clarified. */
export function clarified(tracker: Tracker, now: number): Event[] {
  const latest = tracker.state.latestMessage;
  if (!latest) return [];
  const parse = structuredClone(latest.parse_data);
  if ("name" in parse.intent) parse.intent.confidence = 1;
  return [{ ...latest, timestamp: now, parse_data: parse }];
}

export function listen(now: number): Event {
  return { event: "action", timestamp: now, name: ACTION_LISTEN, policy: null, confidence: null };
}
