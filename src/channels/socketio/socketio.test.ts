import { SignJWT } from "jose";
import { io as ioV3 } from "socket.io-client-v3";
import { io as ioV4 } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotUttered } from "../../model/index.js";
import { startApiBot } from "../../server/test-helpers.js";
import type { ApiBot } from "../../server/test-helpers.js";
import { socketMessages } from "./output.js";

type AnySocket = {
  on(ev: string, fn: (...a: never[]) => void): unknown;
  once(ev: string, fn: (...a: never[]) => void): unknown;
  emit(ev: string, ...a: unknown[]): unknown;
  close(): unknown;
};

const next = <T>(socket: AnySocket, event: string, ms = 5000) =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (data: T) => {
      clearTimeout(t);
      resolve(data);
    });
  });

/** Collects `bot_uttered` payloads until none arrived for `quiet` ms. */
function collect(socket: AnySocket, event = "bot_uttered", quiet = 300): () => Promise<unknown[]> {
  const got: unknown[] = [];
  socket.on(event, (d: unknown) => got.push(d));
  return async () => {
    let n = -1;
    while (n !== got.length) {
      n = got.length;
      await new Promise((r) => setTimeout(r, quiet));
    }
    return got.splice(0);
  };
}

describe("Socket.IO channel with session persistence", () => {
  let bot: ApiBot;
  beforeAll(async () => {
    bot = await startApiBot({ listen: true, credentials: { socketio: { session_persistence: true } } });
  });
  afterAll(() => bot.close());

  it("completes a conversation with the socket.io-client 3.x that rasa-webchat 1.0.1 bundles", async () => {
    const socket = ioV3(bot.url, { transports: ["websocket"], forceNew: true }) as unknown as AnySocket;
    try {
      await next(socket, "connect");
      socket.emit("session_request", { session_id: "web-1" });
      expect(await next(socket, "session_confirm")).toBe("web-1");
      const drain = collect(socket);
      socket.emit("user_uttered", { message: "/greet", session_id: "web-1" });
      const greeting = await drain();
      expect(greeting).toEqual([
        {
          text: "Hello! I'm the Confab mood check. How are you feeling right now?",
          quick_replies: [
            { content_type: "text", title: "Pretty good", payload: "/mood_great" },
            { content_type: "text", title: "Not so good", payload: "/mood_unhappy" },
          ],
        },
      ]);
      socket.emit("user_uttered", { message: "/mood_unhappy", session_id: "web-1" });
      const cheer = await drain();
      expect(cheer).toContainEqual({
        attachment: { type: "image", payload: { src: "https://picsum.photos/seed/confab/400/300" } },
      });
      const tracker = await bot.app.inject({ url: "/conversations/web-1/tracker" });
      expect(tracker.json().latest_input_channel).toBe("socketio");
    } finally {
      socket.close();
    }
  });

  it("continues the same conversation after reconnecting with the session id", async () => {
    const first = ioV4(bot.url, { transports: ["websocket"], forceNew: true });
    await next(first as unknown as AnySocket, "connect");
    first.emit("session_request", { session_id: null });
    const id = await next<string>(first, "session_confirm");
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    first.emit("user_uttered", { message: "/greet", session_id: id, metadata: '{"page": "home"}' });
    await collect(first)();
    first.close();

    const second = ioV4(bot.url, { transports: ["websocket"], forceNew: true }) as unknown as AnySocket;
    await next(second, "connect");
    second.emit("session_request", { session_id: id });
    await next(second, "session_confirm");
    const drain = collect(second);
    second.emit("user_uttered", { message: "/mood_great", session_id: id });
    expect(await drain()).toEqual([{ text: "That's lovely to hear. Keep that good energy going!" }]);
    const events = (await bot.app.inject({ url: `/conversations/${id}/tracker` })).json().events;
    expect(events.filter((e: { event: string }) => e.event === "user")).toHaveLength(2);
    expect(events.find((e: { event: string }) => e.event === "user").metadata).toEqual({ page: "home" });
    second.close();
  });

  it("ignores messages without a session id and reports malformed ones as an error frame", async () => {
    const socket = ioV4(bot.url, { transports: ["websocket"], forceNew: true }) as unknown as AnySocket;
    await next(socket, "connect");
    const drain = collect(socket);
    socket.emit("user_uttered", { message: "/greet" });
    expect(await drain()).toEqual([]);
    socket.emit("user_uttered", "not an object");
    expect(await next<{ message: string }>(socket, "error")).toMatchObject({
      message: expect.stringContaining("object"),
    });
    socket.close();
  });
});

describe("Socket.IO channel options", () => {
  const SECRET = "socket-secret-that-is-long-enough!";
  let bot: ApiBot;
  beforeAll(async () => {
    bot = await startApiBot({
      listen: true,
      credentials: {
        socketio: {
          user_message_evt: "say",
          bot_message_evt: "reply",
          socketio_path: "/chat-socket",
          namespace: "bots",
          jwt_key: SECRET,
          metadata_key: "customData",
        },
      },
    });
  });
  afterAll(() => bot.close());

  it("uses the configured events, path, namespace, metadata key and JWT; the sender is the socket id", async () => {
    const token = await new SignJWT({ sub: "u" })
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode(SECRET));
    const refused = ioV4(`${bot.url}/bots`, { path: "/chat-socket", transports: ["websocket"], forceNew: true });
    await expect(next(refused as unknown as AnySocket, "connect_error")).resolves.toBeDefined();
    refused.close();

    const socket = ioV4(`${bot.url}/bots`, {
      path: "/chat-socket",
      transports: ["websocket"],
      forceNew: true,
      auth: { token },
    });
    await next(socket as unknown as AnySocket, "connect");
    const drain = collect(socket, "reply");
    socket.emit("say", { message: "/greet", customData: { lang: "en" } });
    const got = await drain();
    expect((got[0] as { text: string }).text).toContain("How are you feeling");
    const tracker = (await bot.app.inject({ url: `/conversations/${socket.id}/tracker` })).json();
    expect(tracker.latest_message.metadata).toEqual({ lang: "en" });
    socket.close();
  });
});

describe("bot message shapes (Rasa's SocketIOOutput)", () => {
  const bot = (data: Partial<BotUttered["data"]>, text: string | null = null): BotUttered => ({
    event: "bot",
    timestamp: 1,
    text,
    data: {
      elements: null,
      quick_replies: null,
      buttons: null,
      attachment: null,
      image: null,
      custom: null,
      ...data,
    },
    metadata: {},
  });

  it("splits text, attaches buttons to the last part, and emits custom data as Rasa spreads it", () => {
    expect(socketMessages(bot({}, "one\n\ntwo"), "r").map((m) => m.payload)).toEqual([
      { text: "one" },
      { text: "two" },
    ]);
    expect(
      socketMessages(bot({ buttons: [{ title: "A", payload: "/a" }] }, "x\n\ny"), "r").map((m) => m.payload),
    ).toEqual([
      { text: "x", quick_replies: [] },
      { text: "y", quick_replies: [{ content_type: "text", title: "A", payload: "/a" }] },
    ]);
    expect(socketMessages(bot({ custom: { data: { kind: "map" }, room: "other" } }), "r")).toEqual([
      { room: "other", payload: { kind: "map" } },
    ]);
    expect(socketMessages(bot({ custom: { kind: "map" } }), "r")).toEqual([{ room: "r", payload: { kind: "map" } }]);
    expect(socketMessages(bot({ elements: [{ title: "T" }] }), "r").map((m) => m.payload)).toEqual([
      { attachment: { type: "template", payload: { template_type: "generic", elements: { title: "T" } } } },
    ]);
  });
});
