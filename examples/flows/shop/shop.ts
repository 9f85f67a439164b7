/**
 * The shop: pick an item, customise colour and size (PARALLEL: both must be chosen before moving on),
 * optionally change address and payment (OR: any number, zero included), then a recap.
 * Inputs are intent-shaped: `{"intent": ..., <entity>: ...}` from the NLU or from the page's buttons.
 *
 * Two variants: "deployed" (MCC's demo/config, used by this example) and "classic" (MCC's
 * backend/examples/demo: first-match payload rules, no size aliases).
 */
import type { Kb } from "../../../src/flows/definition/types.js";
import type { FlowCallbacks, FlowContext, FlowData, FlowResponse } from "../../../src/flows/engine/types.js";
import { CTX_COMPLETED } from "../../../src/flows/engine/types.js";
import type { ShopVariant } from "./payload.js";
import { uiPayload } from "./payload.js";

const SIZE_ALIASES: Record<string, string> = { small: "S", medium: "M", large: "L" };

/** Text for an utterance: strings as they are, other scalars like Python's str(), objects as JSON. */
function str(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function say(kb: Kb, key: string): string {
  return str(kb[key]);
}

function listed(kb: Kb, key: string, value: unknown): boolean {
  return Array.isArray(kb[key]) && (kb[key] as unknown[]).includes(value);
}

/** Intents an activity does not handle: small talk answers, anything else is "not understood". */
function otherIntent(data: FlowData, kb: Kb): string {
  if (data.intent === "greet") return say(kb, "start");
  if (data.intent === "bot_challenge") return say(kb, "bot_challenge");
  return say(kb, "not_understand");
}

function recap(ctx: FlowContext): string {
  const v = (k: string) => str(ctx[k]);
  return `You chose: ${v("item")}, size: ${v("size")}, color: ${v("color")}. \nDeliver to: ${v("address")}, pay with: ${v("details")}`;
}

export function createShopCallbacks(variant: ShopVariant = "deployed"): FlowCallbacks {
  const P = (ctx: FlowContext, state: string, action?: string) => uiPayload(variant, ctx, state, action);
  const stay = (utterance: string, payload: Record<string, unknown>): FlowResponse => ({
    complete: false,
    utterance,
    payload,
  });

  return {
    start: (_data, kb, ctx) => {
      ctx.address = kb.last_address;
      ctx.details = kb.last_payment;
      return { complete: true, utterance: say(kb, "start"), payload: P(ctx, "start") };
    },

    choose_item: (data, kb, ctx) => {
      if (data.intent !== "state_preference") return stay(otherIntent(data, kb), P(ctx, "start"));
      if (!listed(kb, "items", data.preference)) return stay(say(kb, "wrong_item"), P(ctx, "start"));
      ctx.item = data.preference;
      return { complete: true, payload: P(ctx, "choose_item") };
    },

    customize: (data, kb, ctx) => {
      if (data.intent === "change_something") {
        if (data.change === "size" || data.change === "color") {
          return { complete: true, choice: `select_${data.change}`, payload: P(ctx, "customize", data.change) };
        }
        return stay(say(kb, "wrong_customize"), P(ctx, "choose_item"));
      }
      if (data.intent === "change_nothing" || data.intent === "deny") {
        // The engine does not enforce PARALLEL completion; the callback checks the completed list.
        const completed = ctx[CTX_COMPLETED];
        if (Array.isArray(completed) && completed.includes("customize")) {
          return { complete: true, choice: null, payload: P(ctx, "customize", "skip") };
        }
        return stay(say(kb, "wrong_customize"), P(ctx, "choose_item"));
      }
      return stay(otherIntent(data, kb), P(ctx, "choose_item"));
    },

    select_size: (data, kb, ctx) => {
      if (data.intent !== "state_preference") return stay(otherIntent(data, kb), P(ctx, "customize", "size"));
      const pref = data.preference;
      const alias = variant === "deployed" && typeof pref === "string" ? SIZE_ALIASES[pref] : undefined;
      if (alias === undefined && !listed(kb, "sizes", pref))
        return stay(say(kb, "wrong_size"), P(ctx, "customize", "size"));
      ctx.size = alias ?? pref;
      return { complete: true, payload: P(ctx, "select_size", ctx.color !== undefined ? "color" : "") };
    },

    select_color: (data, kb, ctx) => {
      if (data.intent !== "state_preference") return stay(otherIntent(data, kb), P(ctx, "customize", "color"));
      if (!listed(kb, "colors", data.preference)) return stay(say(kb, "wrong_color"), P(ctx, "customize", "color"));
      ctx.color = data.preference;
      return { complete: true, payload: P(ctx, "select_color", ctx.size !== undefined ? "size" : "") };
    },

    change_info: (data, kb, ctx) => {
      if (data.intent === "change_something") {
        if (data.change === "address" || data.change === "payment") {
          return { complete: true, choice: `change_${data.change}`, payload: P(ctx, "change_info", data.change) };
        }
        return stay(say(kb, "wrong_change"), {});
      }
      if (data.intent === "change_nothing" || data.intent === "deny") {
        return { complete: true, choice: null, utterance: recap(ctx), payload: P(ctx, "change_info", "end") };
      }
      return stay(otherIntent(data, kb), P(ctx, "change_info", "change_info"));
    },

    change_address: (data, kb, ctx) => {
      const payload = () => P(ctx, "change_address", "change_info");
      if (data.intent !== "give_address") return stay(otherIntent(data, kb), payload());
      if (data.address === undefined || data.address === null || data.address === "") {
        return stay(say(kb, "address_error"), payload());
      }
      ctx.address = data.address;
      kb.last_address = data.address;
      return { complete: true, payload: payload() };
    },

    change_payment: (data, kb, ctx) => {
      const payload = () => P(ctx, "change_payment", "change_info");
      if (data.intent !== "payment_details") return stay(otherIntent(data, kb), payload());
      if (data.details === undefined || data.details === null || data.details === "") {
        return stay(say(kb, "payment_error"), payload());
      }
      ctx.details = data.details;
      kb.last_payment = data.details;
      return { complete: true, payload: payload() };
    },
  };
}
