/**
 * @module server/app
 * Builds the fastify app (no listen, so tests use `inject`): Rasa's root and version routes,
 * the configured channels, and Rasa-shaped errors for anything malformed.
 */
import Fastify from "fastify";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { MessageHandler } from "../channels/message-handler.js";
import { registerRestChannel } from "../channels/rest.js";
import { CONFAB_VERSION, MINIMUM_COMPATIBLE_VERSION, RASA_VERSION } from "../version.js";
import { registerLenientBodyParser } from "./body-parser.js";
import { rasaErrorBody } from "./rasa-error.js";

export interface ServerOptions {
  handleMessage: MessageHandler;
  /** Channel names from credentials.yml; REST is served when none are configured. */
  channels?: string[];
  logger?: FastifyBaseLogger;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const app: FastifyInstance = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Conversation ids may contain "/" (Rasa's `<conversation_id:path>`); keep encoded slashes intact.
    routerOptions: { ignoreTrailingSlash: false },
  });

  registerLenientBodyParser(app);
  app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) request.log.error({ err }, "Unhandled error");
    const reason = status === 500 ? "UnexpectedError" : "BadRequest";
    const message = status === 500 ? "An unexpected error occurred." : `Invalid request: ${err.message}`;
    return reply.code(status).send(rasaErrorBody(status, reason, message));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(rasaErrorBody(404, "NotFound", `Requested URL ${request.url} not found`)),
  );

  app.get("/", (_request, reply) => reply.type("text/plain").send(`Hello from Confab: ${CONFAB_VERSION}`));
  app.get("/version", () => ({
    version: RASA_VERSION,
    minimum_compatible_version: MINIMUM_COMPATIBLE_VERSION,
    confab_version: CONFAB_VERSION,
  }));

  const channels = options.channels && options.channels.length > 0 ? options.channels : ["rest"];
  if (channels.includes("rest")) registerRestChannel(app, options.handleMessage);
  return app;
}
