/**
 * @module actions/builtin/two-stage-fallback
 * `action_two_stage_fallback` (Rasa 3's TwoStageFallbackAction, a loop): on a low-confidence message it
 * asks "Did you mean …?" (`action_default_ask_affirmation`); if the user denies (`out_of_scope`) it asks
 * them to rephrase (`action_default_ask_rephrase`), then asks for affirmation once more. A clear answer
 * ends the loop and replaces the unclear message with the clarified one; two fallbacks in a row or a
 * second denial give up with `action_default_fallback`.
 */
import type { Event, Tracker } from "../../model/index.js";
import type { Action, ActionContext } from "../action.js";
import { actionDefaultAskAffirmation } from "./ask-affirmation.js";
import { actionDefaultAskRephrase, actionDefaultFallback } from "./control.js";
import { NLU_FALLBACK_INTENT, OUT_OF_SCOPE_INTENT, clarified, lastIntentNames, listen } from "./fallback-history.js";

export const ACTION_TWO_STAGE_FALLBACK = "action_two_stage_fallback";

const same = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

function twoFallbacksInARow(tracker: Tracker): boolean {
  return same(lastIntentNames(tracker, 2), [NLU_FALLBACK_INTENT, NLU_FALLBACK_INTENT]);
}

function secondAffirmationFailed(tracker: Tracker): boolean {
  return same(lastIntentNames(tracker, 3), [OUT_OF_SCOPE_INTENT, NLU_FALLBACK_INTENT, OUT_OF_SCOPE_INTENT]);
}

function isDone(tracker: Tracker): boolean {
  const last = lastIntentNames(tracker, 1)[0];
  const userClarified = last !== NLU_FALLBACK_INTENT && last !== OUT_OF_SCOPE_INTENT;
  return userClarified || twoFallbacksInARow(tracker) || secondAffirmationFailed(tracker);
}

async function deactivate(ctx: ActionContext): Promise<Event[]> {
  if (twoFallbacksInARow(ctx.tracker) || secondAffirmationFailed(ctx.tracker)) return actionDefaultFallback.run(ctx);
  // The clarified message takes the place of the unclear one and what followed it.
  return [{ event: "rewind", timestamp: ctx.now() }, listen(ctx.now()), ...clarified(ctx.tracker, ctx.now())];
}

export const actionTwoStageFallback: Action = {
  name: ACTION_TWO_STAGE_FALLBACK,
  async run(ctx) {
    const events: Event[] = [];
    const justActivated = ctx.tracker.state.activeLoop?.name !== ACTION_TWO_STAGE_FALLBACK;
    if (justActivated) events.push({ event: "active_loop", timestamp: ctx.now(), name: ACTION_TWO_STAGE_FALLBACK });
    const done = isDone(ctx.tracker);
    if (!done) {
      const affirm = justActivated || lastIntentNames(ctx.tracker, 1)[0] === NLU_FALLBACK_INTENT;
      events.push(...(await (affirm ? actionDefaultAskAffirmation : actionDefaultAskRephrase).run(ctx)));
      return events;
    }
    return [...events, { event: "active_loop", timestamp: ctx.now(), name: null }, ...(await deactivate(ctx))];
  },
};
