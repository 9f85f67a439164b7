/**
 * @module rooms/server
 * Assembles a rooms project: config, store (shared tracker database), bots per bot type, the
 * fastify app with the REST API and web UI, and Socket.IO on the default path.
 */
import path from "node:path";
import Fastify from "fastify";
import { Server } from "socket.io";
import type { Logger } from "../ports/index.js";
import { registerLenientBodyParser } from "../server/body-parser.js";
import { sendRasaError } from "../server/rasa-error.js";
import { SqliteTrackerStore } from "../stores/tracker/sqlite-tracker-store.js";
import { trollbotActionFactory } from "./actions/trollbot-actions.js";
import { httpArtistApi } from "./actions/genre-action.js";
import { registerRoomsApi } from "./api.js";
import { loadArtists } from "./artists.js";
import { AdminSessions } from "./auth.js";
import { createConfabBot } from "./bots/confab-bot.js";
import { createRemoteBot } from "./bots/remote-bot.js";
import type { BotConnector, ReplySink } from "./bots/types.js";
import { loadRoomsConfig } from "./config.js";
import type { RoomsConfig } from "./config.js";
import { RoomsService } from "./service.js";
import { registerRoomSockets } from "./sockets.js";
import { SqliteRoomsStore } from "./store/sqlite.js";
import { registerWebRoutes } from "./web-routes.js";

export interface RunRoomsOptions {
  dir: string;
  port: number;
  host: string;
  logger: Logger;
  /** Overrides parts of rooms.yml (tests: pacing 0, short quiet time). */
  configOverrides?: Partial<RoomsConfig>;
  env?: Record<string, string | undefined>;
}

export interface RunningRooms {
  url: string;
  service: RoomsService;
  close(): Promise<void>;
}

export async function runRoomsProject(options: RunRoomsOptions): Promise<RunningRooms> {
  const dir = path.resolve(options.dir);
  const { config: loaded, warnings } = loadRoomsConfig(dir, options.env);
  const config: RoomsConfig = { ...loaded, ...options.configOverrides };
  for (const w of warnings) options.logger.warn({ code: "CONFAB_ROOMS_CONFIG" }, w);

  const dbFile = path.resolve(dir, config.database);
  const store = new SqliteRoomsStore(dbFile);
  const trackerStore = new SqliteTrackerStore(dbFile);
  if (config.artists) await store.upsertArtists(loadArtists(path.resolve(dir, config.artists)));

  let baseUrl = config.public_url ?? "";
  let service: RoomsService | null = null;
  const sink: ReplySink = (conversationId, reply) => {
    void service?.deliverBotReply(conversationId, reply);
  };
  const customActions = trollbotActionFactory({
    artists: httpArtistApi(() => baseUrl),
    quietSeconds: config.quiet_seconds,
  });
  const bots = new Map<string, BotConnector>();
  for (const [type, bot] of Object.entries(config.bots)) {
    bots.set(
      type,
      bot.project
        ? await createConfabBot({
            projectDir: path.resolve(dir, bot.project),
            trackerStore,
            logger: options.logger,
            sink,
            customActions,
            botType: type,
            warn: (w) => options.logger.debug({ bot: type }, w),
          })
        : createRemoteBot({ url: bot.url!, token: bot.token, logger: options.logger }),
    );
  }

  const app = Fastify({ bodyLimit: 64 * 1024 });
  registerLenientBodyParser(app);
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const code = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (code === 500) options.logger.error({ err: error.message }, "Rooms API error");
    return sendRasaError(reply, code, code === 500 ? "InternalError" : "BadRequest", error.message);
  });
  const io = new Server(app.server, { serveClient: true });
  service = new RoomsService({
    store,
    config,
    bots,
    emitter: { toRoom: (link, event, payload) => io.to(link).emit(event, payload) },
    logger: options.logger,
  });
  registerRoomsApi(app, { service, admin: new AdminSessions(config.admin_password) });
  registerWebRoutes(app);
  registerRoomSockets(io, service);

  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  const url = `http://${host}:${port}`;
  if (!config.public_url) baseUrl = url;

  return {
    url,
    service,
    async close() {
      await io.close();
      await app.close().catch(() => undefined);
      for (const bot of bots.values()) await bot.close();
      await store.close();
      await trackerStore.close();
    },
  };
}
