/**
 * @module core/action-runner
 * Runs one predicted action and logs it the way Rasa's processor does (`rasa-protocol.md` §3.4):
 * policy events, then `action`, then the action's events; a rejection logs only
 * `action_execution_rejected`; any other failure is logged with a code and the action's events are dropped.
 * Side effects (sending `bot` events, reminders) are the caller's: see `TurnEngine.sideEffects`.
 */
import type { Action, ActionContext } from "../actions/action.js";
import { ActionRejected } from "../actions/action.js";
import { ConfabError } from "../errors.js";
import type { Event } from "../model/index.js";
import type { Conversation } from "./conversation.js";
import type { ActionPrediction } from "./predictor.js";

export type ActionOutcome = "done" | "rejected" | "failed";

export async function runAction(
  action: Action,
  prediction: ActionPrediction,
  conversation: Conversation,
  ctx: Omit<ActionContext, "tracker">,
): Promise<ActionOutcome> {
  let events: Event[];
  try {
    // Not `{ ...ctx, tracker }`: a spread copy that gets a new key is slow in V8 (see `botMessageDict`).
    events = await action.run(Object.assign({ tracker: conversation.tracker }, ctx));
  } catch (err) {
    if (err instanceof ActionRejected) {
      conversation.add({
        event: "action_execution_rejected",
        timestamp: ctx.now(),
        name: action.name,
        policy: prediction.policy,
        confidence: prediction.confidence,
      });
      return "rejected";
    }
    const code = err instanceof ConfabError ? err.code : "CONFAB_ERR_ACTION_FAILED";
    ctx.logger.error(
      { code, action: action.name, err },
      `Encountered an exception while running action '${action.name}'. Bot will continue, but the actions events are lost.`,
    );
    events = [];
  }
  const rejectedManually = events.some((e) => e.event === "action_execution_rejected");
  if (rejectedManually) {
    conversation.add(...events);
    return "done";
  }
  // One append for the action and what it returned: one tracker for the lot, not one per event.
  conversation.add(
    ...prediction.events,
    {
      event: "action",
      timestamp: ctx.now(),
      name: action.name,
      policy: prediction.policy,
      confidence: prediction.confidence,
      action_text: null,
      hide_rule_turn: prediction.hide_rule_turn ?? false,
    },
    ...events,
  );
  return "done";
}
