/**
 * @module rooms/sockets
 * Trollbot's Socket.IO protocol on the default namespace and path: clients connect with query
 * `{roomId, name}`; identity comes from the login session (cookie, `auth.token` or query `token`),
 * never from the payload. A socket's events are handled one after another, so a client's
 * `NEW_CHAT_MESSAGE_EVENT` is stored before its `SEND_MESSAGE_TO_BSERVER_EVENT` reaches the bot.
 */
import type { Server, Socket } from "socket.io";
import { parseCookies, USER_COOKIE } from "./auth.js";
import {
  COMPLETE_TASK,
  ERROR_EVENT,
  NEW_MESSAGE,
  START_TYPING,
  STOP_TYPING,
  TO_BOT,
  USER_JOIN,
  USER_LEAVE,
} from "./events.js";
import { KeyedQueue } from "./keyed-queue.js";
import type { RoomsService } from "./service.js";
import type { RoomRecord, UserRecord } from "./store/types.js";

const MAX_MESSAGE = 2000;

function handshakeToken(socket: Socket): string | null {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  if (typeof auth?.token === "string") return auth.token;
  const query = socket.handshake.query.token;
  if (typeof query === "string") return query;
  return parseCookies(socket.request.headers.cookie)[USER_COOKIE] ?? null;
}

function bodyOf(payload: unknown): string | null {
  const body = payload && typeof payload === "object" ? (payload as Record<string, unknown>).body : undefined;
  if (typeof body !== "string") return null;
  const trimmed = body.trim();
  return trimmed === "" || trimmed.length > MAX_MESSAGE ? null : trimmed;
}

export function registerRoomSockets(io: Server, service: RoomsService): void {
  const serial = new KeyedQueue();

  io.on("connection", (socket) => {
    const fail = (message: string) => {
      socket.emit(ERROR_EVENT, { message });
      socket.disconnect(true);
    };
    void (async () => {
      const token = handshakeToken(socket);
      const user = token ? await service.store.userForSession(token) : null;
      if (!user) return fail("Log in first (POST /api/login)");
      const link = socket.handshake.query.roomId;
      const room = typeof link === "string" ? await service.store.getRoom(link) : null;
      if (!room) return fail(`Room '${String(link)}' does not exist`);
      if (!(await service.store.seatIn(room.link, user.id))) return fail("This room is full");
      if (socket.disconnected) return;
      attach(socket, room, user);
    })().catch(() => fail("Could not join the room"));
  });

  function attach(socket: Socket, room: RoomRecord, user: UserRecord): void {
    const link = room.link;
    const me = { id: user.id, name: user.name };
    void socket.join(link);
    if (service.presence.join(link, user.id)) io.to(link).emit(USER_JOIN, service.publicUser(user));
    const pending: string[] = [];
    const onEvent = (event: string, handle: (payload: unknown) => Promise<void>) =>
      socket.on(event, (payload: unknown) => {
        void serial
          .run(socket.id, () => handle(payload))
          .catch(() => socket.emit(ERROR_EVENT, { event, message: "Failed" }));
      });
    const activeRoom = async (event: string): Promise<RoomRecord | null> => {
      const current = await service.store.getRoom(link);
      if (current?.active) return current;
      socket.emit(ERROR_EVENT, { event, message: "The room is not active yet" });
      return null;
    };

    onEvent(NEW_MESSAGE, async (payload) => {
      const body = bodyOf(payload);
      if (body === null)
        return void socket.emit(ERROR_EVENT, { event: NEW_MESSAGE, message: "Needs a 'body' of 1-2000 characters" });
      const current = await activeRoom(NEW_MESSAGE);
      if (!current) return;
      await service.postHumanMessage(current, user, body, socket.id);
      pending.push(body);
      if (pending.length > 50) pending.shift();
    });

    // Every human message goes to the bot. Trollbot's client also emits the text a second time for
    // the bot; that copy is dropped when it repeats a message this socket just posted.
    onEvent(TO_BOT, async (payload) => {
      const body = bodyOf(payload);
      if (body === null)
        return void socket.emit(ERROR_EVENT, { event: TO_BOT, message: "Needs a 'body' of 1-2000 characters" });
      const index = pending.findIndex((p) => p === body);
      if (index >= 0) return void pending.splice(index, 1);
      const current = await activeRoom(TO_BOT);
      if (current) await service.postHumanMessage(current, user, body, socket.id);
    });

    for (const event of [START_TYPING, STOP_TYPING]) {
      onEvent(event, () => {
        socket.to(link).emit(event, { senderId: socket.id, user: me });
        return Promise.resolve();
      });
    }

    onEvent(COMPLETE_TASK, async () => {
      io.to(link).emit(COMPLETE_TASK, await service.complete(room, user));
    });

    socket.on("disconnect", () => {
      if (service.presence.leave(link, user.id)) io.to(link).emit(USER_LEAVE, service.publicUser(user));
    });
  }
}
