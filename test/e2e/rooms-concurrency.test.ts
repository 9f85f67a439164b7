/**
 * Rooms under load: 50 users asking for a room at the same instant form exactly 25 rooms of 2, and
 * 20 messages a second in one room keep their order for everyone, the bot included, with the
 * speaker slots naming the right user at every turn.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Event } from "../../src/model/index.js";
import { activeRoom, joinRoom, login, startTestRooms, waitFor } from "../../src/rooms/test-support.js";

let rooms: Awaited<ReturnType<typeof startTestRooms>>;

beforeAll(async () => {
  rooms = await startTestRooms();
}, 30_000);
afterAll(async () => {
  await rooms?.close();
});

describe("waiting room", () => {
  it("matches 50 simultaneous users into 25 rooms of 2", async () => {
    const users = await Promise.all(Array.from({ length: 50 }, (_, i) => login(rooms.url, `user${i}`, `pid-${i}`)));
    const links = await Promise.all(users.map((u) => activeRoom(rooms.url, u.token)));
    const byRoom = new Map<string, number>();
    for (const link of links) byRoom.set(link, (byRoom.get(link) ?? 0) + 1);
    expect(byRoom.size).toBe(25);
    expect([...byRoom.values()].every((n) => n === 2)).toBe(true);
    // Asking again gives the same seat, never a second room.
    expect(await activeRoom(rooms.url, users[7]!.token)).toBe(links[7]);

    const sockets = await Promise.all(users.map((u, i) => joinRoom(rooms.url, u.token, links[i]!, `user${i}`)));
    const activated = await Promise.all(
      [...byRoom.keys()].map(async (link) => (await fetch(`${rooms.url}/api/rooms/${link}/activate`)).json()),
    );
    expect(activated.every((a) => a === true)).toBe(true);
    const all = (await (await fetch(`${rooms.url}/api/rooms`)).json()) as { roomLink: string; users: unknown[] }[];
    const matched = all.filter((r) => byRoom.has(r.roomLink));
    expect(matched).toHaveLength(25);
    // Bot first, then the two humans present.
    expect(matched.every((r) => r.users.length === 3)).toBe(true);
    for (const s of sockets) s.socket.close();
  }, 30_000);
});

describe("a busy room", () => {
  it("keeps 20 messages a second in order, and the bot's slots name each speaker", async () => {
    const a = await login(rooms.url, "Ana", "pid-ana");
    const b = await login(rooms.url, "Ben", "pid-ben");
    const link = await activeRoom(rooms.url, a.token);
    expect(await activeRoom(rooms.url, b.token)).toBe(link);
    const A = await joinRoom(rooms.url, a.token, link, "Ana");
    const B = await joinRoom(rooms.url, b.token, link, "Ben");
    expect(await (await fetch(`${rooms.url}/api/rooms/${link}/activate`)).json()).toBe(true);

    const texts = ["I like Queen", "asdfghj", "I don't like Drake", "I suggest ABBA", "what do you think?"];
    const sent: { from: string; body: string }[] = [];
    for (let i = 0; i < 40; i++) {
      const [who, user] = i % 3 === 0 ? [B, b] : [A, a];
      const body = `${texts[i % texts.length]} #${i}`;
      sent.push({ from: user.id, body });
      who.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body });
      await new Promise((r) => setTimeout(r, 50));
    }
    await waitFor(() => A.received.filter((r) => r.event === "NEW_CHAT_MESSAGE_EVENT").length >= 40, 10_000);
    await rooms.service.idle();

    const human = (r: { event: string; payload: unknown }) =>
      r.event === "NEW_CHAT_MESSAGE_EVENT" && (r.payload as { senderId: string }).senderId !== link;
    const seenA = A.received.filter(human).map((r) => (r.payload as { body: string }).body);
    const seenB = B.received.filter(human).map((r) => (r.payload as { body: string }).body);
    expect(seenA).toEqual(sent.map((s) => s.body));
    expect(seenB).toEqual(seenA);
    const stored = (
      (await (await fetch(`${rooms.url}/api/rooms/${link}/messages`)).json()) as {
        messages: { id: string; body: string; user: { id: string } }[];
      }
    ).messages.filter((m) => m.user.id !== undefined && sent.some((s) => s.body === m.body));
    expect(stored.map((m) => m.body)).toEqual(seenA);

    const room = (await rooms.service.store.getRoom(link))!;
    const events = await rooms.service.conversationEvents(room);
    const turns = speakerTurns(events);
    expect(turns.map((t) => t.text)).toEqual(sent.map((s) => s.body));
    turns.forEach((turn, i) => {
      expect(turn.messageId).toBe(stored[i]!.id);
      expect(turn.lastSender).toBe(sent[i]!.from);
      expect(turn.activeUser).toBe(sent[i]!.from);
      expect(turn.activeFlags).toEqual({ [a.id]: sent[i]!.from === a.id, [b.id]: sent[i]!.from === b.id });
    });
    // The bot did answer some of them (it is not silent throughout).
    expect(events.filter((e) => e.event === "bot").length).toBeGreaterThan(3);
    A.socket.close();
    B.socket.close();
  }, 30_000);
});

interface Turn {
  text: string;
  messageId: string | undefined;
  lastSender: unknown;
  activeUser: unknown;
  activeFlags: Record<string, unknown>;
}

/** Per user message: the speaker slots set before the bot's first action of that turn. */
function speakerTurns(events: Event[]): Turn[] {
  const turns: Turn[] = [];
  let current: Turn | null = null;
  for (const e of events) {
    if (e.event === "user") {
      const turn: Turn = {
        text: e.text ?? "",
        messageId: e.message_id ?? undefined,
        lastSender: null,
        activeUser: null,
        activeFlags: {},
      };
      turns.push(turn);
      current = turn;
    } else if (current && e.event === "action") {
      current = null;
    } else if (current && e.event === "slot") {
      if (e.name === "last_message_sender") current.lastSender = e.value;
      if (e.name === "active_user") current.activeUser = e.value;
      if (e.name === "users") {
        const users = e.value as Record<string, { active: unknown }>;
        current.activeFlags = Object.fromEntries(Object.entries(users).map(([id, u]) => [id, u.active]));
      }
    }
  }
  return turns;
}
