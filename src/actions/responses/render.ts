/**
 * @module actions/responses/render
 * Turning a domain response into the `bot` event Rasa logs for it (`ActionBotResponse.run` +
 * `create_bot_utterance`, `rasa-protocol.md` §2.5, §6.4).
 */
import type { BotUttered, Domain, ResponseVariation } from "../../model/index.js";
import { copyJson } from "../../model/index.js";
import { fillResponse, type WarnFn } from "./interpolate.js";
import { pyStr, pyTruthy } from "./python-values.js";
import { selectVariation } from "./select.js";

export interface RenderOptions {
  /** The output channel's name; channel-specific variations for it are preferred. */
  channel?: string | null;
  /** Extra template values (Rasa's `**kwargs`); they override slots of the same name. */
  kwargs?: Record<string, unknown>;
  /** Returns a number in [0, 1); picks among eligible variations. */
  random?: () => number;
  /** Epoch seconds for the event's timestamp. */
  now?: () => number;
  /** Called when a template cannot be filled (Rasa logs an error and sends it unfilled). */
  warn?: WarnFn;
}

export interface RenderedResponse {
  event: BotUttered;
  variation: ResponseVariation;
}

/**
 * Rasa's `create_bot_utterance(message)`: `text` and the six rich fields leave the message (the
 * fields as `data`, `null` when absent); whatever remains (`utter_action`, the variation's `id`,
 * `metadata`, `condition`, `channel`, ...) becomes the event's metadata, in the message's order.
 */
export function createBotUtterance(message: Readonly<Record<string, unknown>>, timestamp: number): BotUttered {
  const rest: Record<string, unknown> = { ...message };
  const take = (key: string): unknown => {
    const v = rest[key];
    delete rest[key];
    return v ?? null;
  };
  const text = take("text");
  const elements = take("elements");
  const quick_replies = take("quick_replies");
  const buttons = take("buttons");
  const attachment = take("attachment");
  // Legacy Rasa quirk: an image doubles as the attachment when there is none (Python `or`).
  const data = {
    elements,
    quick_replies,
    buttons,
    attachment: pyTruthy(attachment) ? attachment : (rest.image ?? null),
    image: take("image"),
    custom: take("custom"),
  };
  return {
    event: "bot",
    timestamp,
    metadata: rest,
    text: typeof text === "string" || text === null ? text : pyStr(text),
    data,
  };
}

/** Renders response `name` from the domain, or returns `null` when it is missing or no variation fits. */
export function renderResponse(
  name: string,
  domain: Pick<Domain, "responses">,
  slots: Readonly<Record<string, unknown>>,
  opts: RenderOptions = {},
): RenderedResponse | null {
  const variations = Object.hasOwn(domain.responses, name) ? domain.responses[name] : undefined;
  if (!variations) return null;
  const variation = selectVariation(variations, slots, opts.channel, opts.random);
  if (!variation) return null;
  const filled = fillResponse(copyJson(variation), slots, opts.kwargs, opts.warn);
  // Built on a fresh object rather than `{ ...filled, utter_action }` (see `botMessageDict`).
  const message: Record<string, unknown> = Object.assign({}, filled as Readonly<Record<string, unknown>>);
  message.utter_action = name;
  const timestamp = (opts.now ?? (() => Date.now() / 1000))();
  return { event: createBotUtterance(message, timestamp), variation };
}
