/**
 * @module actions/builtin/session-start
 * `action_session_start`: `session_started`, the slots carried over from the previous session
 * (when `carry_over_slots_to_new_session`), the session metadata slot, then `action_listen`.
 */
import { appliedEvents, SESSION_STARTED_METADATA_SLOT } from "../../model/index.js";
import type { Event } from "../../model/index.js";
import type { Action } from "../action.js";

export const actionSessionStart: Action = {
  name: "action_session_start",
  run(ctx) {
    const now = ctx.now();
    const events: Event[] = [{ event: "session_started", timestamp: now }];
    if (ctx.domain.session_config.carry_over_slots_to_new_session) {
      // Rasa re-emits every applied slot event of the old session, in order (later ones win on replay).
      for (const e of appliedEvents(ctx.tracker.events)) {
        if (e.event === "slot" && e.name !== SESSION_STARTED_METADATA_SLOT) events.push({ ...e, timestamp: now });
      }
    }
    const metadata = ctx.tracker.state.slots[SESSION_STARTED_METADATA_SLOT];
    if (metadata != null) {
      events.push({ event: "slot", timestamp: now, name: SESSION_STARTED_METADATA_SLOT, value: metadata });
    }
    events.push({ event: "action", timestamp: now, name: "action_listen", policy: null, confidence: null });
    return Promise.resolve(events);
  },
};
