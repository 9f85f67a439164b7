/**
 * @module actions/builtin/revert-fallback
 * `action_revert_fallback_events`: after a successful affirmation or rephrasing, removes the fallback
 * exchange and logs the user's message again with certain intent, so stories see a clean turn.
 */
import type { Event } from "../../model/index.js";
import type { Action } from "../action.js";
import { clarified, lastActionOtherThanListen, listen } from "./fallback-history.js";

const ASK_REPHRASE = "action_default_ask_rephrase";
const ASK_AFFIRMATION = "action_default_ask_affirmation";

export const actionRevertFallbackEvents: Action = {
  name: "action_revert_fallback_events",
  run(ctx) {
    const now = ctx.now();
    const rewind: Event = { event: "rewind", timestamp: now };
    const last = lastActionOtherThanListen(ctx.tracker);
    if (last === ASK_REPHRASE) return Promise.resolve([rewind, listen(now), ...clarified(ctx.tracker, now)]);
    if (last === ASK_AFFIRMATION) {
      const events: Event[] = [rewind, rewind, listen(now)];
      // The affirmed message was itself a rephrasing: undo that exchange too.
      if (lastActionOtherThanListen(ctx.tracker, 1) === ASK_REPHRASE) events.push(rewind, listen(now));
      return Promise.resolve([...events, ...clarified(ctx.tracker, now)]);
    }
    return Promise.resolve([]);
  },
};
