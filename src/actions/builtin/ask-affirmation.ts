/**
 * @module actions/builtin/ask-affirmation
 * `action_default_ask_affirmation`: "Did you mean '<intent>'?" with Yes (`/<intent>`) and
 * No (`/out_of_scope`) buttons. When the top intent is `nlu_fallback`, Rasa asks about the
 * second-ranked intent. `utter_ask_affirmation` in the domain replaces the default text.
 */
import type { Action } from "../action.js";

export const actionDefaultAskAffirmation: Action = {
  name: "action_default_ask_affirmation",
  async run(ctx) {
    const parse = ctx.tracker.state.latestMessage?.parse_data;
    const ranking = parse?.intent_ranking ?? [];
    const top = ranking[0]?.name === "nlu_fallback" ? ranking[1] : ranking[0];
    const intent = top?.name ?? ("name" in (parse?.intent ?? {}) ? (parse?.intent as { name: string }).name : "");
    const buttons = [
      { title: "Yes", payload: `/${intent}` },
      { title: "No", payload: "/out_of_scope" },
    ];
    if ("utter_ask_affirmation" in ctx.domain.responses) {
      const bot = await ctx.nlg.generate("utter_ask_affirmation", ctx.tracker, ctx.channel, { intent });
      if (bot) return [{ ...bot, data: { ...bot.data, buttons } }];
    }
    return [
      {
        event: "bot",
        timestamp: ctx.now(),
        metadata: {},
        text: `Did you mean '${intent}'?`,
        data: { elements: null, quick_replies: null, buttons, attachment: null, image: null, custom: null },
      },
    ];
  },
};
