/**
 * @module rooms/admin-api
 * Admin routes: login with the configured password, room creation, room size, CSV log export and
 * conversation deletion. Everything but the login answers 403 without an admin session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendRasaError } from "../server/rasa-error.js";
import { ADMIN_COOKIE, cookie } from "./auth.js";
import type { AdminSessions } from "./auth.js";
import { publicRoom } from "./public-json.js";
import { RoomsInputError } from "./service.js";
import type { RoomsService } from "./service.js";

export interface ApiDeps {
  service: RoomsService;
  admin: AdminSessions;
}

const body = (request: FastifyRequest): Record<string, unknown> =>
  request.body && typeof request.body === "object" && !Array.isArray(request.body)
    ? (request.body as Record<string, unknown>)
    : {};

const optionalString = (v: unknown): v is string | undefined =>
  v === undefined || (typeof v === "string" && v.length <= 128);

export function registerAdminRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { service, admin } = deps;
  const store = service.store;

  const denied = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (admin.isAdmin(request)) return false;
    sendRasaError(reply, 403, "Forbidden", "This route needs an admin session (POST /api/admin/login)");
    return true;
  };

  app.post("/api/admin/login", async (request, reply) => {
    if (!admin.enabled) return sendRasaError(reply, 403, "AdminDisabled", "No admin_password is configured");
    const token = admin.login(body(request).password);
    if (!token) return sendRasaError(reply, 401, "BadPassword", "Wrong admin password");
    reply.header("set-cookie", cookie(ADMIN_COOKIE, token, 12 * 3600));
    return { token };
  });

  app.get("/api/admin/session", async (request, reply) => {
    if (denied(request, reply)) return reply;
    return { admin: true };
  });

  app.post("/api/rooms", async (request, reply) => {
    if (denied(request, reply)) return reply;
    const { name, botType, roomLink } = body(request);
    if (!optionalString(name) || !optionalString(botType) || !optionalString(roomLink)) {
      return sendRasaError(reply, 400, "BadRequest", "'name', 'botType' and 'roomLink' must be strings");
    }
    try {
      const room = await service.createRoom({ name, botType, roomLink });
      return publicRoom(room, [], [], true);
    } catch (error) {
      if (error instanceof RoomsInputError) return sendRasaError(reply, 400, "BadRequest", error.message);
      if (String(error).includes("UNIQUE")) return sendRasaError(reply, 409, "Conflict", "Room name or link is taken");
      throw error;
    }
  });

  app.post("/api/rooms/roomSize", async (request, reply) => {
    if (denied(request, reply)) return reply;
    const size = Number(body(request).size);
    if (!Number.isInteger(size) || size < 1 || size > 50) {
      return sendRasaError(reply, 400, "BadRequest", "'size' must be an integer from 1 to 50");
    }
    return reply.type("text/plain").send(String(await service.setRoomSize(size)));
  });

  app.get("/api/log", (_request, reply) => sendRasaError(reply, 403, "Forbidden", "Name a room: /api/log/<room>"));

  const exportLog = async (request: FastifyRequest<{ Params: { roomId: string } }>, reply: FastifyReply) => {
    if (denied(request, reply)) return reply;
    const room = await store.getRoom(request.params.roomId);
    if (!room) return sendRasaError(reply, 404, "RoomNotFound", `Room '${request.params.roomId}' does not exist`);
    const csv = await service.exportCsv(room);
    const file = `log_${room.name.replace(/[^\w-]+/g, "_")}.csv`;
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${file}"`)
      .send(csv);
  };
  app.post<{ Params: { roomId: string } }>("/api/log/:roomId", exportLog);
  app.get<{ Params: { roomId: string } }>("/api/log/:roomId", exportLog);

  app.post<{ Params: { roomId: string } }>("/api/log/:roomId/delete", async (request, reply) => {
    if (denied(request, reply)) return reply;
    const room = await store.getRoom(request.params.roomId);
    if (!room) return sendRasaError(reply, 404, "RoomNotFound", `Room '${request.params.roomId}' does not exist`);
    return { deleted: await service.deleteConversation(room) };
  });
}
