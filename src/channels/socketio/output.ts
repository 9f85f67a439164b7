/**
 * @module channels/socketio/output
 * Rasa's SocketIOOutput (`rasa-protocol.md` §2.4): one `bot_uttered` emit per message part, to the
 * room named after the recipient (socket id, or session id with persistence). Dispatch order and
 * shapes follow Rasa's `OutputChannel.send_response`.
 */
import { botMessageDict, pyStr, pyTruthy } from "../../actions/responses/index.js";
import type { BotUttered } from "../../model/index.js";
import type { OutputChannel } from "../../ports/index.js";

export interface Emitter {
  emit(room: string, event: string, payload: unknown): void;
}

interface ButtonLike {
  title?: unknown;
  payload?: unknown;
}

/** The payloads Rasa emits for one bot message, with their rooms. */
export function socketMessages(message: BotUttered, recipientId: string): { room: string; payload: unknown }[] {
  const m = botMessageDict(message);
  const out: { room: string; payload: unknown }[] = [];
  const send = (payload: unknown) => out.push({ room: recipientId, payload });

  const buttons = pyTruthy(m.quick_replies) ? m.quick_replies : pyTruthy(m.buttons) ? m.buttons : null;
  if (buttons && Array.isArray(buttons)) {
    const text = m.text == null ? "" : pyStr(m.text);
    const parts = text.trim().split("\n\n");
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const quickReplies = last
        ? (buttons as ButtonLike[]).map((b) => ({ content_type: "text", title: b.title, payload: b.payload }))
        : [];
      send({ text: part, quick_replies: quickReplies });
    });
  } else if (pyTruthy(m.text)) {
    for (const part of pyStr(m.text).trim().split("\n\n")) send({ text: part });
  }
  if (pyTruthy(m.custom) && typeof m.custom === "object") {
    // Rasa spreads the custom dict into `sio.emit(**custom)`: `data` is the payload and `room` may
    // redirect it. A dict without `data` is emitted as it is (Rasa Pro's behaviour; OSS would fail).
    const custom = m.custom as Record<string, unknown>;
    const room = typeof custom.room === "string" ? custom.room : recipientId;
    out.push({ room, payload: "data" in custom ? custom.data : custom });
  }
  if (pyTruthy(m.image)) send({ attachment: { type: "image", payload: { src: pyStr(m.image) } } });
  if (pyTruthy(m.attachment)) send({ attachment: m.attachment });
  if (pyTruthy(m.elements) && Array.isArray(m.elements)) {
    for (const element of m.elements as unknown[])
      send({ attachment: { type: "template", payload: { template_type: "generic", elements: element } } });
  }
  return out;
}

export class SocketIOOutput implements OutputChannel {
  readonly name = "socketio";
  constructor(
    private readonly emitter: Emitter,
    private readonly botMessageEvent: string,
  ) {}

  sendResponse(recipientId: string, message: BotUttered): Promise<void> {
    for (const { room, payload } of socketMessages(message, recipientId))
      this.emitter.emit(room, this.botMessageEvent, payload);
    return Promise.resolve();
  }
}
