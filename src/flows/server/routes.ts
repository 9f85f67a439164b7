/**
 * @module flows/server/routes
 * Everything a flow project serves on the main HTTP server: MCC's REST API, the `/mcc` WebSocket and
 * the project's web page. Body parsing is scoped to these routes (MCC reads bodies as JSON whatever
 * the content type, and /init also accepts forms), so other routes on the same app are unaffected.
 */
import type { FastifyInstance } from "fastify";
import type { FlowRuntime } from "../runtime/runtime.js";
import { registerRestRoutes } from "./rest.js";
import { SessionCodec } from "./session.js";
import { registerWebRoutes } from "./web.js";
import { attachFlowWebSocket } from "./ws-attach.js";

export interface FlowRoutesOptions {
  /** Prefix for the REST routes (MCC clients expect none). */
  prefix?: string;
  /** WebSocket path on this server. */
  wsPath?: string;
  /** Secret for the REST session cookie; a random one per process by default. */
  sessionSecret?: string;
}

export function registerFlowRoutes(app: FastifyInstance, runtime: FlowRuntime, options: FlowRoutesOptions = {}): void {
  const prefix = options.prefix ?? "";
  const codec = new SessionCodec(options.sessionSecret);
  void app.register((scope, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string", bodyLimit: 1 << 20 }, (_req, body, next) => next(null, body));
    registerRestRoutes(scope, runtime, codec, prefix);
    if (runtime.webDir) registerWebRoutes(scope, runtime.webDir, `${prefix}/flows/web`);
    done();
  });
  const ws = attachFlowWebSocket(app.server, runtime, options.wsPath ?? "/mcc");
  app.addHook("onClose", (_instance, done) => {
    ws.detach();
    done();
  });
}
