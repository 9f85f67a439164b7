/**
 * @module policies/defaults
 * RulePolicy's built-in behaviour (`rasa-protocol.md` §6.8, §8.3): default intents map to default actions,
 * a restart or session start is followed by a listen, and an active loop keeps running until it rejects.
 */
import type { Tracker } from "../model/index.js";
import { ACTION_LISTEN, ACTION_SESSION_START, latestActionName, latestIntent } from "../model/index.js";

export const ACTION_RESTART = "action_restart";
export const ACTION_BACK = "action_back";
export const ACTION_DEFAULT_FALLBACK = "action_default_fallback";

/** Rasa's `DEFAULT_ACTION_MAPPINGS`: these overrule every rule, story and loop. */
export const DEFAULT_INTENT_ACTIONS: Readonly<Record<string, string>> = {
  restart: ACTION_RESTART,
  back: ACTION_BACK,
  session_start: ACTION_SESSION_START,
};

export interface BuiltinPrediction {
  action: string;
  /** Rasa's prediction-source label, used to name the built-in rule in contradiction errors. */
  source: string;
}

/** `/restart`, `/back`, `/session_start` right after the user spoke. */
export function defaultIntentAction(tracker: Tracker): BuiltinPrediction | null {
  if (latestActionName(tracker.state) !== ACTION_LISTEN) return null;
  const intent = latestIntent(tracker.state);
  if (!intent) return null;
  const action = DEFAULT_INTENT_ACTIONS[intent];
  return action ? { action, source: `predicting default action with intent ${intent}` } : null;
}

/** After `action_restart` / `action_session_start` (which reset the tracker) the bot waits for the user. */
export function listenAfterReset(tracker: Tracker): BuiltinPrediction | null {
  for (let i = tracker.events.length - 1; i >= 0; i--) {
    const e = tracker.events[i]!;
    if (e.event === "user") return null;
    if (e.event !== "action") continue;
    if (e.name === ACTION_RESTART || e.name === ACTION_SESSION_START)
      return { action: ACTION_LISTEN, source: `listening after ${e.name}` };
    return null;
  }
  return null;
}

/** The loop happy path: run the active loop until it rejects; listen after it ran. */
export function loopHappyPath(tracker: Tracker): BuiltinPrediction | null {
  const loop = tracker.state.activeLoop;
  if (!loop?.name || loop.rejected) return null;
  const latest = latestActionName(tracker.state);
  const source = `handling active loops and forms - ${loop.name}`;
  if (latest === loop.name) return { action: ACTION_LISTEN, source: `${source} - ${ACTION_LISTEN}` };
  if (Object.keys(tracker.state.latestAction).length === 0) return null;
  return { action: loop.name, source };
}
