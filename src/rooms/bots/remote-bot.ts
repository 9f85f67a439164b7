/**
 * @module rooms/bots/remote-bot
 * A room bot on another Rasa-compatible server, reached as Trollbot reaches Rasa: messages through
 * the callback channel (`POST /webhooks/callback/webhook`; replies come back to `/api/rasa/bot`),
 * speaker slots through the HTTP API (`/conversations/<id>/tracker[/events]`). The rooms service
 * sends one message per room at a time, so reading and writing `users` here cannot interleave
 * with another message of the same room (Rasa's callback channel answers once the turn is done).
 */
import type { Event } from "../../model/index.js";
import type { Logger } from "../../ports/index.js";
import { speakerSlotEvents, usersAfter } from "./speaker-slots.js";
import type { BotConnector, BotRoom, Speaker } from "./types.js";
import { ROSTER_KEY, SPEAKER_KEY } from "./types.js";

export interface RemoteBotOptions {
  url: string;
  token?: string;
  logger: Logger;
  timeoutMs?: number;
}

export class RemoteBotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RemoteBotError";
  }
}

export function createRemoteBot(options: RemoteBotOptions): BotConnector {
  const base = options.url.replace(/\/+$/, "");
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    // Rasa's `--auth-token` is checked as the `?token=` query parameter, not as a Bearer header.
    const url = new URL(`${base}${path}`);
    if (options.token) url.searchParams.set("token", options.token);
    const res = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new RemoteBotError(`${method} ${base}${path} answered ${res.status}: ${text.slice(0, 200)}`);
    try {
      return text === "" ? null : (JSON.parse(text) as unknown);
    } catch {
      return text;
    }
  };
  const conv = (id: string) => `/conversations/${encodeURIComponent(id)}/tracker`;
  const slotsOf = async (id: string): Promise<Record<string, unknown>> => {
    const tracker = (await call("GET", conv(id))) as { slots?: Record<string, unknown> } | null;
    return tracker?.slots ?? {};
  };
  const now = () => Date.now() / 1000;

  return {
    async activate(room: BotRoom, roster: Speaker[]) {
      const slots = await slotsOf(room.link);
      await call("POST", `${conv(room.link)}/events`, [
        { event: "slot", timestamp: now(), name: "bot_type", value: room.botType },
        { event: "slot", timestamp: now(), name: "users", value: usersAfter(slots.users, roster, null) },
      ]);
    },
    async message(room, speaker, text, roster, messageId) {
      const slots = await slotsOf(room.link);
      await call("POST", `${conv(room.link)}/events`, speakerSlotEvents(slots.users, roster, speaker, now()));
      await call("POST", "/webhooks/callback/webhook", {
        sender: room.link,
        message: text,
        message_id: messageId,
        metadata: { [SPEAKER_KEY]: speaker, [ROSTER_KEY]: roster },
      });
    },
    async events(id) {
      const tracker = (await call("GET", conv(id))) as { events?: Event[] } | null;
      return tracker?.events && tracker.events.length > 0 ? tracker.events : null;
    },
    async deleteConversation(id) {
      await call("PUT", `${conv(id)}/events`, []);
      return true;
    },
    trainingStories: () => null,
    close: () => Promise.resolve(),
  };
}
