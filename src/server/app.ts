/**
 * @module server/app
 * Builds the fastify app (no listen, so tests use `inject`): Rasa's root and version routes,
 * the configured channels, and Rasa-shaped errors for anything malformed.
 */
import cors from "@fastify/cors";
import Fastify, { LogController } from "fastify";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { MessageHandler } from "../channels/message-handler.js";
import type { ChannelRegistry } from "../channels/registry.js";
import { registerRestChannel } from "../channels/rest.js";
import type { SocketIOChannel } from "../channels/socketio/index.js";
import { registerLegacyApi } from "../legacy/index.js";
import { CONFAB_VERSION, MINIMUM_COMPATIBLE_VERSION, RASA_VERSION } from "../version.js";
import type { ApiContext } from "./api-context.js";
import { ApiError } from "./api-error.js";
import { registerHttpApi } from "./api.js";
import { registerLenientBodyParser } from "./body-parser.js";
import { registerChat } from "./chat.js";
import { ConversationRouter } from "./conversation-router.js";
import { rasaErrorBody } from "./rasa-error.js";
import type { Metrics } from "../metrics/metrics.js";

export interface ServerOptions {
  handleMessage: MessageHandler;
  /** Channel names from credentials.yml; REST is served when none are configured. */
  channels?: string[];
  logger?: FastifyBaseLogger;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** Input channels built from credentials.yml; replaces `channels` when given. */
  registry?: ChannelRegistry;
  /** The HTTP API (`--enable-api`) and/or the rasa_core 0.x API (`--legacy-api`). */
  api?: { context: ApiContext; enableApi: boolean; legacyApi: boolean };
  /** `--cors`: allowed origins (`*` for any). */
  cors?: string[];
  /** Serve the chat page at `/chat` (needs the socketio channel in `registry`). */
  chat?: { title: string };
  /** Rasa's `--response-timeout` in seconds. */
  responseTimeout?: number;
  /** Log every request and response (`confab run --debug`). */
  logRequests?: boolean;
  /** Serve Prometheus metrics at `/metrics`. */
  metrics?: Metrics;
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const metrics = options.metrics;
  const app: FastifyInstance = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Conversation ids may contain "/" (Rasa's `<conversation_id:path>`); keep encoded slashes intact.
    routerOptions: { ignoreTrailingSlash: false },
    ...(options.responseTimeout ? { requestTimeout: options.responseTimeout * 1000 } : {}),
    // Like Rasa, requests are not logged one by one unless asked for (`--debug`).
    logController: new LogController({ disableRequestLogging: options.logRequests !== true }),
  });

  registerLenientBodyParser(app);
  app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
    if (err instanceof ApiError) {
      if (err.statusCode >= 500) request.log.error({ err }, err.message);
      return reply
        .code(err.statusCode)
        .send(rasaErrorBody(err.statusCode, err.reason, err.message, err.details, err.help));
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) request.log.error({ err }, "Unhandled error");
    const reason = status === 500 ? "UnexpectedError" : "BadRequest";
    const message = status === 500 ? "An unexpected error occurred." : `Invalid request: ${err.message}`;
    return reply.code(status).send(rasaErrorBody(status, reason, message));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(rasaErrorBody(404, "NotFound", `Requested URL ${request.url} not found`)),
  );

  // Rasa's plain greeting, word for word: health checks written for Rasa match its text (Confab's own version is in
  // `/version` as `confab_version`).
  app.get("/", (_request, reply) => reply.type("text/plain").send(`Hello from Rasa: ${RASA_VERSION}`));
  if (metrics) {
    app.get("/metrics", async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.text()));
  }
  app.get("/version", () => ({
    version: RASA_VERSION,
    minimum_compatible_version: MINIMUM_COMPATIBLE_VERSION,
    confab_version: CONFAB_VERSION,
  }));

  if (options.cors && options.cors.length > 0) {
    const any = options.cors.includes("*");
    void app.register(cors, { origin: any ? true : options.cors, credentials: true, exposedHeaders: ["filename"] });
  }
  if (options.registry) options.registry.register(app, options.handleMessage);
  else {
    const channels = options.channels && options.channels.length > 0 ? options.channels : ["rest"];
    if (channels.includes("rest")) registerRestChannel(app, options.handleMessage);
  }
  if (options.api && (options.api.enableApi || options.api.legacyApi)) {
    const router = new ConversationRouter();
    if (options.api.enableApi) registerHttpApi(app, router, options.api.context);
    if (options.api.legacyApi) registerLegacyApi(app, router, options.api.context);
    router.install(app);
  }
  if (options.chat) {
    const socket = options.registry?.find<SocketIOChannel>("socketio")?.config;
    registerChat(app, {
      title: options.chat.title,
      socket: socket ? { path: socket.socketio_path, namespace: socket.namespace } : null,
    });
  }
  return app;
}
