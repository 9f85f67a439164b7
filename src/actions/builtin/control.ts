/**
 * @module actions/builtin/control
 * Default actions that steer the conversation (`rasa-protocol.md` §6.8).
 */
import { REQUESTED_SLOT } from "../../model/index.js";
import type { Event } from "../../model/index.js";
import type { Action, ActionContext } from "../action.js";
import { utter } from "../action.js";

export const actionListen: Action = { name: "action_listen", run: () => Promise.resolve([]) };

/** Predicted only by UnexpecTEDIntentPolicy; it logs nothing of its own. */
export const actionUnlikelyIntent: Action = { name: "action_unlikely_intent", run: () => Promise.resolve([]) };

export const actionRestart: Action = {
  name: "action_restart",
  async run(ctx) {
    return [...(await utter(ctx, "utter_restart")), { event: "restart", timestamp: ctx.now() }];
  },
};

/** Utters `utter_default` when defined, then undoes the user turn (its slots included). */
export const actionDefaultFallback: Action = {
  name: "action_default_fallback",
  async run(ctx) {
    return [...(await utter(ctx, "utter_default")), { event: "rewind", timestamp: ctx.now() }];
  },
};

/** `/back`: utters `utter_back`, then rewinds twice (the `/back` turn and the turn before it). */
export const actionBack: Action = {
  name: "action_back",
  async run(ctx) {
    return [
      ...(await utter(ctx, "utter_back")),
      { event: "rewind", timestamp: ctx.now() },
      { event: "rewind", timestamp: ctx.now() },
    ];
  },
};

export const actionDeactivateLoop: Action = {
  name: "action_deactivate_loop",
  run(ctx: ActionContext): Promise<Event[]> {
    return Promise.resolve([
      { event: "active_loop", timestamp: ctx.now(), name: null },
      { event: "slot", timestamp: ctx.now(), name: REQUESTED_SLOT, value: null },
    ]);
  },
};

export const actionDefaultAskRephrase: Action = {
  name: "action_default_ask_rephrase",
  run: (ctx) => utter(ctx, "utter_ask_rephrase"),
};

/** Sends the message found in the action's metadata (`action_send_text`, Rasa 3.x). */
export const actionSendText: Action = {
  name: "action_send_text",
  run(ctx) {
    const latest = ctx.tracker.state.latestMessage?.metadata?.message as { text?: string } | undefined;
    return Promise.resolve([{ event: "bot", timestamp: ctx.now(), metadata: {}, text: latest?.text ?? "", data: {} }]);
  },
};
