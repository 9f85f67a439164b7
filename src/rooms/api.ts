/**
 * @module rooms/api
 * Trollbot's REST API under `/api` (fixture PROTOCOL.md), with login sessions, admin-only
 * management routes, and no participant id in any answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendRasaError } from "../server/rasa-error.js";
import { registerAdminRoutes } from "./admin-api.js";
import type { ApiDeps } from "./admin-api.js";
import { bearer, cookie, parseCookies, USER_COOKIE } from "./auth.js";
import { publicMessage, publicRoom } from "./public-json.js";
import type { RoomsService } from "./service.js";
import type { RoomRecord, UserRecord } from "./store/types.js";

export async function sessionUser(service: RoomsService, request: FastifyRequest): Promise<UserRecord | null> {
  const token = bearer(request) ?? parseCookies(request.headers.cookie)[USER_COOKIE];
  return token ? service.store.userForSession(token) : null;
}

const body = (request: FastifyRequest): Record<string, unknown> =>
  request.body && typeof request.body === "object" && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {};

const json = (reply: FastifyReply, value: unknown) => reply.type("application/json").send(JSON.stringify(value));

const nonEmpty = (v: unknown, max: number): v is string => typeof v === "string" && v.trim() !== "" && v.length <= max;

export function registerRoomsApi(app: FastifyInstance, deps: ApiDeps): void {
  const { service } = deps;
  const store = service.store;

  const roomOr404 = async (reply: FastifyReply, id: string): Promise<RoomRecord | null> => {
    const room = await store.getRoom(id);
    if (!room) sendRasaError(reply, 404, "RoomNotFound", `Room '${id}' does not exist`);
    return room;
  };
  const roomJson = async (room: RoomRecord, admin: boolean) =>
    publicRoom(room, await service.members(room), await store.completedUsers(room.link), admin);

  app.post("/api/login", async (request, reply) => {
    const { name, pid } = body(request);
    if (!nonEmpty(name, 64) || !nonEmpty(pid, 128)) {
      return sendRasaError(reply, 400, "BadRequest", "Login needs a non-empty 'name' and participant id 'pid'");
    }
    const session = await service.login(name.trim(), pid.trim());
    if (!session) return sendRasaError(reply, 409, "NameTaken", `The name '${name}' is taken; choose another`);
    reply.header("set-cookie", cookie(USER_COOKIE, session.token, 7 * 24 * 3600));
    return { ...service.publicUser(session.user), token: session.token };
  });

  app.get("/api/me", async (request, reply) => {
    const user = await sessionUser(service, request);
    if (!user) return sendRasaError(reply, 401, "NotLoggedIn", "Log in first");
    return service.publicUser(user);
  });

  app.get("/api/rooms", async (request) => {
    const admin = deps.admin.isAdmin(request);
    return Promise.all((await store.listRooms()).map((r) => roomJson(r, admin)));
  });

  app.get("/api/rooms/activeRoom", async (request, reply) => {
    const user = await sessionUser(service, request);
    if (!user) return sendRasaError(reply, 401, "NotLoggedIn", "Log in before asking for a room");
    const room = await service.seat(user);
    return reply.type("text/plain").send(room.link);
  });

  app.get("/api/rooms/roomSize", async (_request, reply) =>
    reply.type("text/plain").send(String(await service.roomSize())),
  );

  app.get<{ Params: { roomId: string } }>("/api/rooms/:roomId", async (request, reply) => {
    const room = await store.getRoom(request.params.roomId);
    if (!room) return reply.send({ room: null });
    return { room: await roomJson(room, deps.admin.isAdmin(request)) };
  });

  app.get<{ Params: { roomId: string } }>("/api/rooms/:roomId/users", async (request) => {
    const room = await store.getRoom(request.params.roomId);
    if (!room) return {};
    return { users: (await service.members(room)).map((u) => service.publicUser(u)) };
  });

  app.get<{ Params: { roomId: string } }>("/api/rooms/:roomId/bot", async (request, reply) => {
    const room = await roomOr404(reply, request.params.roomId);
    if (!room) return reply;
    const bot = await store.getUser(room.botUserId);
    return { bot: bot ? service.publicUser(bot) : null };
  });

  app.get<{ Params: { roomId: string } }>("/api/rooms/:roomId/messages", async (request, reply) => {
    const room = await roomOr404(reply, request.params.roomId);
    if (!room) return reply;
    const messages = await store.messages(room.link);
    const users = new Map<string, UserRecord | null>();
    for (const m of messages) if (!users.has(m.userId)) users.set(m.userId, await store.getUser(m.userId));
    return { messages: messages.map((m) => publicMessage(m, users.get(m.userId) ?? null)) };
  });

  app.get<{ Params: { roomId: string } }>("/api/rooms/:roomId/active", async (request, reply) => {
    const room = await store.getRoom(request.params.roomId);
    return json(reply, room?.active ?? false);
  });

  app.get<{ Params: { roomId: string } }>("/api/rooms/:roomId/activate", async (request, reply) =>
    json(reply, await service.activate(request.params.roomId)),
  );

  // Genre and artist lookups for the bots' actions; unknown artists answer JSON null (Trollbot: 500).
  app.get<{ Params: { artist: string } }>("/api/trollbot/genre/:artist", async (request, reply) => {
    const artist = await store.findArtist(request.params.artist);
    return json(reply, artist?.genres[0] ?? null);
  });

  app.get<{ Params: { artist: string } }>("/api/trollbot/:artist", async (request, reply) =>
    json(reply, await store.findArtist(request.params.artist)),
  );

  // Rasa's callback channel posts a remote bot's messages here; only rooms served by a remote bot
  // accept them, so nobody can speak for an in-process bot.
  app.post("/api/rasa/bot", async (request, reply) => {
    const { recipient_id: recipient, text, ...data } = body(request);
    if (!nonEmpty(recipient, 256)) return sendRasaError(reply, 400, "BadRequest", "'recipient_id' is required");
    const room = await store.getRoom(recipient);
    if (!room || !service.isRemote(room)) {
      return sendRasaError(reply, 404, "RoomNotFound", `No room with a remote bot is named '${recipient}'`);
    }
    await service.deliverBotReply(room.link, { text: typeof text === "string" ? text : null, data });
    return { status: "message sent" };
  });

  registerAdminRoutes(app, deps);

  app.all("/api/*", (_request, reply) => sendRasaError(reply, 404, "NotFound", "unknown endpoint"));
}
