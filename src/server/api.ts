/**
 * @module server/api
 * Rasa's HTTP API behind `--enable-api` (`rasa-protocol.md` §1.4) and the OpenAPI description.
 */
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "./api-context.js";
import type { ConversationRouter } from "./conversation-router.js";
import { openApiDocument } from "./openapi.js";
import { registerConversationRoutes } from "./routes/conversation.js";
import { registerModelRoutes } from "./routes/model.js";
import { registerTrackerRoutes } from "./routes/tracker.js";
import { registerTestIntentsRoute } from "./routes/test-intents.js";
import { registerTrainRoutes } from "./routes/train.js";

export function registerHttpApi(app: FastifyInstance, router: ConversationRouter, ctx: ApiContext): void {
  registerTrackerRoutes(router, ctx);
  registerConversationRoutes(router, ctx);
  registerModelRoutes(app, ctx);
  registerTrainRoutes(app, ctx);
  registerTestIntentsRoute(app, ctx);
  const doc = openApiDocument();
  app.get("/openapi.json", () => doc);
}
