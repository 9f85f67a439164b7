/**
 * @module actions/responses/collect
 * What Rasa's CollectingOutputChannel (REST webhook, HTTP API, callback) records for one `bot`
 * event (`rasa-protocol.md` §1.5, §2.1): `BotUttered.message()` dispatched through
 * `OutputChannel.send_response`, each `send_*` call becoming one message object.
 */
import type { BotMessage, BotUttered, Button } from "../../model/index.js";
import { pyEquals, pyStr, pyTruthy } from "./python-values.js";

/**
 * Rasa's `BotUttered.message()`: data, text, timestamp and metadata in one dict. The image-as-
 * attachment quirk is undone here so the image is not sent twice.
 */
export function botMessageDict(bot: BotUttered): Record<string, unknown> {
  // The same keys in the same order as `{ ...data, text, timestamp, ...metadata }`, built on a fresh object: V8 (Node
  // 20) takes a slow path, about 1 µs a key, when a spread copy gets keys its source did not have.
  const m: Record<string, unknown> = Object.assign({}, bot.data as Readonly<Record<string, unknown>>);
  m.text = bot.text;
  m.timestamp = bot.timestamp;
  Object.assign(m, bot.metadata);
  if (pyEquals(m.image ?? null, m.attachment ?? null)) m.attachment = null;
  return m;
}

/** CollectingOutputChannel's `_message`: fixed key order, `None` values dropped. */
function message(recipientId: string, fields: Partial<Omit<BotMessage, "recipient_id">>): BotMessage {
  // Built key by key rather than built whole and pruned: `delete` would leave a slow dictionary-mode object behind.
  const out: Record<string, unknown> = { recipient_id: recipientId };
  if (fields.text != null) out.text = fields.text;
  if (fields.image != null) out.image = fields.image;
  if (fields.buttons != null) out.buttons = fields.buttons;
  if (fields.attachment != null) out.attachment = fields.attachment;
  if (fields.custom != null) out.custom = fields.custom;
  return out as unknown as BotMessage;
}

function textOrUndefined(v: unknown): string | undefined {
  return v == null ? undefined : pyStr(v);
}

/**
 * The messages a collecting channel records for `bot`. Text without buttons is split on blank
 * lines into one message per part; text with buttons (or quick replies, which the base channel
 * sends as buttons) stays one message. Custom, image and attachment follow as their own
 * messages; each element becomes a `"<title> : <subtitle>"` text with that element's buttons.
 */
export function collectMessages(bot: BotUttered, recipientId: string): BotMessage[] {
  const m = botMessageDict(bot);
  const out: BotMessage[] = [];
  const withButtons = (text: unknown, buttons: unknown) =>
    out.push(message(recipientId, { text: textOrUndefined(text), buttons: buttons as Button[] }));

  if (pyTruthy(m.quick_replies)) withButtons(m.text, m.quick_replies);
  else if (pyTruthy(m.buttons)) withButtons(m.text, m.buttons);
  else if (pyTruthy(m.text)) {
    for (const part of pyStr(m.text).trim().split("\n\n")) out.push(message(recipientId, { text: part }));
  }
  if (pyTruthy(m.custom)) out.push(message(recipientId, { custom: m.custom }));
  if (pyTruthy(m.image)) out.push(message(recipientId, { image: pyStr(m.image) }));
  if (pyTruthy(m.attachment)) out.push(message(recipientId, { attachment: m.attachment }));
  if (pyTruthy(m.elements) && Array.isArray(m.elements)) {
    for (const element of m.elements as unknown[]) {
      const el = (typeof element === "object" && element !== null ? element : {}) as Record<string, unknown>;
      const title = `${pyStr(el.title ?? "")} : ${pyStr(el.subtitle ?? "")}`;
      withButtons(title, el.buttons ?? []);
    }
  }
  return out;
}
