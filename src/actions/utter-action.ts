/**
 * @module actions/utter-action
 * `utter_*` actions: render a domain response (or an NLG-server response) as a `bot` event.
 * Retrieval actions (`utter_chitchat`) use the response the selector picked for the latest message.
 */
import type { ParseResult } from "../model/index.js";
import type { Action, ActionContext } from "./action.js";

export function utterAction(name: string): Action {
  return {
    name,
    async run(ctx: ActionContext) {
      const bot = await ctx.nlg.generate(name, ctx.tracker, ctx.channel);
      if (!bot) {
        ctx.logger.error(
          { code: "CONFAB_ERR_RESPONSE_MISSING", response: name },
          `Couldn't create message for response '${name}'.`,
        );
        return [];
      }
      return [bot];
    },
  };
}

/** The full retrieval response name (`utter_chitchat/ask_name`) chosen for the latest message. */
function selectedRetrievalResponse(parse: ParseResult | undefined, retrievalIntent: string): string | null {
  const selector = parse?.response_selector as Record<string, { response?: { utter_action?: string } }> | undefined;
  const picked = selector?.[retrievalIntent]?.response?.utter_action ?? selector?.default?.response?.utter_action;
  if (picked) return picked;
  const intent = parse?.intent;
  const full = intent && "full_retrieval_intent_name" in intent ? intent.full_retrieval_intent_name : undefined;
  return full ? `utter_${full}` : null;
}

export function retrievalAction(name: string): Action {
  const retrievalIntent = name.slice("utter_".length);
  return {
    name,
    async run(ctx: ActionContext) {
      const response = selectedRetrievalResponse(ctx.tracker.state.latestMessage?.parse_data, retrievalIntent);
      if (!response) {
        ctx.logger.error(
          { code: "CONFAB_ERR_RESPONSE_MISSING", action: name },
          "No response selected for retrieval intent",
        );
        return [];
      }
      const bot = await ctx.nlg.generate(response, ctx.tracker, ctx.channel);
      if (!bot) return [];
      // Rasa reports the concrete response that was used.
      return [{ ...bot, metadata: { ...bot.metadata, utter_action: response } }];
    },
  };
}
