/**
 * Rooms REST/Socket.IO behaviour users and admins notice: participant ids never leave the server,
 * admin routes need the admin password (not a name), artist lookups, CSV export and deletion,
 * clear errors for bad input, the "speak only if nobody answered" timer, and a remote
 * Rasa-compatible bot reached through its callback channel and HTTP API.
 */
import fs from "node:fs";
import Fastify from "fastify";
import { parse } from "yaml";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activeRoom,
  adminToken,
  EXAMPLE,
  joinRoom,
  login,
  startTestRooms,
  waitFor,
} from "../../src/rooms/test-support.js";
import type { Received } from "../../src/rooms/test-support.js";

type Rooms = Awaited<ReturnType<typeof startTestRooms>>;

async function pairUp(rooms: Rooms, names: [string, string], pids: [string, string]) {
  const a = await login(rooms.url, names[0], pids[0]);
  const b = await login(rooms.url, names[1], pids[1]);
  const link = await activeRoom(rooms.url, a.token);
  await activeRoom(rooms.url, b.token);
  const A = await joinRoom(rooms.url, a.token, link, names[0]);
  const B = await joinRoom(rooms.url, b.token, link, names[1]);
  await fetch(`${rooms.url}/api/rooms/${link}/activate`);
  return { a, b, link, A, B };
}

const botBodies = (received: Received[], link: string) =>
  received
    .filter((r) => r.event === "NEW_CHAT_MESSAGE_EVENT" && (r.payload as { senderId: string }).senderId === link)
    .map((r) => (r.payload as { body: string }).body);

describe("privacy and admin auth", () => {
  let rooms: Rooms;
  beforeAll(async () => {
    rooms = await startTestRooms();
  }, 30_000);
  afterAll(() => rooms?.close());

  it("never sends a participant id to anyone", async () => {
    const { a, link, A, B } = await pairUp(rooms, ["Pia", "Olli"], ["SECRET-PID-PIA", "SECRET-PID-OLLI"]);
    expect(a.body).not.toContain("SECRET-PID");
    A.socket.emit("START_TYPING_MESSAGE_EVENT", {
      senderId: "x",
      user: { id: a.id, name: "Pia", pid: "SECRET-PID-PIA" },
    });
    A.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "Hi I'm Pia", user: { id: a.id, pid: "SECRET-PID-PIA" } });
    await waitFor(() => botBodies(B.received, link).length > 0, 5000, "bot reply");
    A.socket.emit("COMPLETE_TASK_EVENT", { prolific_id: "SECRET-PID-PIA" });
    await waitFor(() => B.received.some((r) => r.event === "COMPLETE_TASK_EVENT"));
    await rooms.service.idle();
    const admin = await adminToken(rooms.url);
    const auth = { authorization: `Bearer ${admin}` };
    const bodies = await Promise.all(
      [
        "/api/rooms",
        `/api/rooms/${link}`,
        `/api/rooms/${link}/users`,
        `/api/rooms/${link}/messages`,
        `/api/rooms/${link}/bot`,
        `/api/log/${link}`,
      ].map(async (path) => (await fetch(`${rooms.url}${path}`, { headers: auth })).text()),
    );
    for (const text of [...bodies, JSON.stringify(A.received), JSON.stringify(B.received)]) {
      expect(text).not.toContain("SECRET-PID");
    }
    expect(bodies[5]).toContain("Hi I'm Pia");
    A.socket.close();
    B.socket.close();
  });

  it("rejects admin routes without an admin session, whatever the user is called", async () => {
    const user = await login(rooms.url, "Admin", "admin");
    const asUser = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
    const room = (await rooms.service.store.listRooms())[0]!;
    const routes: [string, string, unknown][] = [
      ["POST", "/api/rooms", { name: "Mine", botType: "Troll" }],
      ["POST", "/api/rooms/roomSize", { size: 5 }],
      ["POST", `/api/log/${room.link}`, undefined],
      ["GET", `/api/log/${room.link}`, undefined],
      ["POST", `/api/log/${room.link}/delete`, undefined],
      ["GET", "/api/admin/session", undefined],
    ];
    for (const [method, path, body] of routes) {
      for (const headers of [asUser, {}]) {
        const res = await fetch(`${rooms.url}${path}`, {
          method,
          headers,
          body: body ? JSON.stringify(body) : undefined,
        });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(((await res.json()) as { status: string }).status).toBe("failure");
      }
    }
    const wrong = await fetch(`${rooms.url}/api/admin/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password: "admin" }),
    });
    expect(wrong.status).toBe(401);
    expect(await (await fetch(`${rooms.url}/api/rooms/roomSize`)).text()).toBe("2");
    expect((await rooms.service.store.listRooms()).some((r) => r.name === "Mine")).toBe(false);
  });

  it("lets the admin create rooms, export and delete a conversation", async () => {
    const auth = { authorization: `Bearer ${await adminToken(rooms.url)}`, "content-type": "application/json" };
    const created = await fetch(`${rooms.url}/api/rooms`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ name: "Study A", botType: "Troll" }),
    });
    expect(created.status).toBe(200);
    const room = (await created.json()) as { roomLink: string; botType: string };
    expect(room.roomLink).toMatch(/^[A-Za-z]{9}$/);
    expect(room.botType).toBe("Troll");
    const unknownType = await fetch(`${rooms.url}/api/rooms`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ name: "Study B", botType: "Grumpy" }),
    });
    expect(unknownType.status).toBe(400);

    const { link, A, B } = await pairUp(rooms, ["Eve", "Kai"], ["p-eve", "p-kai"]);
    A.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "Hi I'm Eve" });
    await waitFor(() => botBodies(B.received, link).length > 0);
    await rooms.service.idle();
    const csv = await (await fetch(`${rooms.url}/api/log/${link}`, { method: "POST", headers: auth })).text();
    const rows = csv.trim().split("\r\n");
    const userRow = rows.find((r) => r.includes("Hi I'm Eve"))!;
    expect(userRow.split(",").slice(1, 6)).toEqual(["user", "", "user", expect.any(String), "Eve"]);
    expect(userRow).toContain(",opening,");
    expect(
      rows.some((r) => /,action_greet_user_by_name,bot,.*RulePolicy/.test(r) && r.endsWith("opening before the task")),
    ).toBe(true);

    const deleted = await fetch(`${rooms.url}/api/log/${link}/delete`, { method: "POST", headers: auth });
    expect(await deleted.json()).toEqual({ deleted: true });
    expect(await rooms.service.conversationEvents((await rooms.service.store.getRoom(link))!)).toEqual([]);
    A.socket.close();
    B.socket.close();
  });
});

describe("input errors and lookups", () => {
  let rooms: Rooms;
  beforeAll(async () => {
    rooms = await startTestRooms();
  }, 30_000);
  afterAll(() => rooms?.close());

  it("answers bad input with Rasa's error body and error frames", async () => {
    const bad = await fetch(`${rooms.url}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { status: string }).status).toBe("failure");
    await login(rooms.url, "Mia", "one");
    const taken = await fetch(`${rooms.url}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Mia", pid: "two" }),
    });
    expect(taken.status).toBe(409);
    expect((await fetch(`${rooms.url}/api/rooms/activeRoom`)).status).toBe(401);
    expect((await fetch(`${rooms.url}/api/nothing`)).status).toBe(404);

    const { link, A } = await pairUp(rooms, ["Ada", "Bo"], ["a", "b"]);
    A.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: 42 });
    await waitFor(() => A.received.find((r) => r.event === "ERROR_EVENT"));
    expect(A.socket.connected).toBe(true);
    const { socket, received } = await joinRoom(rooms.url, "not-a-session", link, "Ada").catch(() => ({
      socket: null,
      received: [] as Received[],
    }));
    if (socket) {
      await waitFor(() => received.find((r) => r.event === "ERROR_EVENT") && socket.disconnected);
      expect((received[0]!.payload as { message: string }).message).toMatch(/Log in/);
    }
    A.socket.close();
  });

  it("looks up genres and artists case-insensitively; unknown artists give null", async () => {
    expect(await (await fetch(`${rooms.url}/api/trollbot/genre/queen`)).json()).toBe("rock");
    const abba = (await (await fetch(`${rooms.url}/api/trollbot/abba`)).json()) as { professionalName: string };
    expect(abba.professionalName).toBe("ABBA");
    expect(await (await fetch(`${rooms.url}/api/trollbot/genre/Nobody%20Knows`)).json()).toBeNull();
  });
});

const domain = parse(fs.readFileSync(`${EXAMPLE}/bots/nice/domain.yml`, "utf8")) as {
  responses: Record<string, { text: string }[]>;
};
const praiseVariants = domain.responses.utter_artist_praise_agree!.map((r) => r.text);

describe("the nice bot's quiet timer", () => {
  let rooms: Rooms;
  beforeAll(async () => {
    rooms = await startTestRooms({ bots: { Normal: { project: `${EXAMPLE}/bots/nice` } }, quietSeconds: 0.4 });
  }, 30_000);
  afterAll(() => rooms?.close());

  it("praises a suggestion only when nobody else answered in time", async () => {
    const { link, A, B } = await pairUp(rooms, ["Ina", "Jon"], ["i", "j"]);
    A.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "Hi I'm Ina" });
    await waitFor(() => botBodies(A.received, link).length >= 3);
    const before = botBodies(A.received, link).length;
    A.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "I like Queen" });
    await new Promise((r) => setTimeout(r, 100));
    B.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "asdfghj" });
    await new Promise((r) => setTimeout(r, 800));
    await rooms.service.idle();
    expect(botBodies(A.received, link).slice(before)).toEqual([]);

    A.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "I like ABBA" });
    await waitFor(() => botBodies(A.received, link).length > before, 3000, "praise");
    const praise = botBodies(A.received, link).slice(before);
    expect(praise).toHaveLength(1);
    expect(praiseVariants.map((v) => v.replace("{artist}", "ABBA"))).toContain(praise[0]);
    A.socket.close();
    B.socket.close();
  });
});

describe("a remote Rasa-compatible bot", () => {
  let fake: FastifyInstance;
  let rooms: Rooms;
  const calls: string[] = [];

  beforeAll(async () => {
    fake = fakeRasa(calls, () => `${rooms.url}/api/rasa/bot`);
    await fake.listen({ port: 0, host: "127.0.0.1" });
    const address = fake.server.address() as { port: number };
    rooms = await startTestRooms({ bots: { Remote: { url: `http://127.0.0.1:${address.port}` } } });
  }, 30_000);
  afterAll(async () => {
    await rooms?.close();
    await fake?.close();
  });

  it("marks the speaker over the HTTP API, sends through the callback channel, posts the replies", async () => {
    const { link, A, B } = await pairUp(rooms, ["Rae", "Sol"], ["r", "s"]);
    A.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "first" });
    B.socket.emit("NEW_CHAT_MESSAGE_EVENT", { body: "second" });
    await waitFor(() => botBodies(A.received, link).length >= 2, 5000, "remote replies");
    expect(botBodies(A.received, link)).toEqual(["Rae said: first", "Sol said: second"]);
    expect(calls.filter((c) => c.startsWith("POST /webhooks"))).toEqual([
      `POST /webhooks/callback/webhook ${link} first`,
      `POST /webhooks/callback/webhook ${link} second`,
    ]);
    const injected = await fetch(`${rooms.url}/api/rasa/bot`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ recipient_id: "no-such-room", text: "spoof" }),
    });
    expect(injected.status).toBe(404);
    A.socket.close();
    B.socket.close();
  });
});

/** A stand-in for a Rasa server: tracker slots over the HTTP API, replies through the callback. */
function fakeRasa(calls: string[], callbackUrl: () => string): FastifyInstance {
  const app = Fastify();
  const slots = new Map<string, Record<string, unknown>>();
  const slotsOf = (id: string) => slots.get(id) ?? slots.set(id, {}).get(id)!;
  app.get<{ Params: { id: string } }>("/conversations/:id/tracker", (req, reply) =>
    reply.send({ slots: slotsOf(req.params.id), events: [] }),
  );
  app.post<{ Params: { id: string } }>("/conversations/:id/tracker/events", (req, reply) => {
    const events = (Array.isArray(req.body) ? req.body : [req.body]) as {
      event: string;
      name: string;
      value: unknown;
    }[];
    for (const e of events) if (e.event === "slot") slotsOf(req.params.id)[e.name] = e.value;
    calls.push(`POST /conversations/${req.params.id}/tracker/events`);
    return reply.send({});
  });
  app.post("/webhooks/callback/webhook", async (req, reply) => {
    const { sender, message } = req.body as { sender: string; message: string };
    calls.push(`POST /webhooks/callback/webhook ${sender} ${message}`);
    const s = slotsOf(sender);
    const users = s.users as Record<string, { name: string }>;
    const name = users[s.last_message_sender as string]?.name ?? "nobody";
    await fetch(callbackUrl(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ recipient_id: sender, text: `${name} said: ${message}` }),
    });
    return reply.type("text/plain").send("success");
  });
  return app;
}
