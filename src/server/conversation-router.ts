/**
 * @module server/conversation-router
 * Routes under `/conversations/<conversation_id:path>/...`: Rasa declares the id as a path, so
 * `a/b` is a valid id. One wildcard route per method splits the tail into id and action, taking
 * the longest id that leaves a known action (as Sanic's path converter does).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export type ConversationHandler = (request: FastifyRequest, reply: FastifyReply, conversationId: string) => unknown;

type Method = "GET" | "POST" | "PUT" | "DELETE";

export class ConversationRouter {
  private readonly routes = new Map<Method, Map<string, ConversationHandler>>();

  /** First registration wins, so the 3.x API keeps its routes when the legacy API is also on. */
  add(method: Method, action: string, handler: ConversationHandler): void {
    const byAction = this.routes.get(method) ?? new Map<string, ConversationHandler>();
    if (!byAction.has(action)) byAction.set(action, handler);
    this.routes.set(method, byAction);
  }

  install(app: FastifyInstance): void {
    for (const [method, byAction] of this.routes) {
      const actions = [...byAction.keys()].map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      const pattern = new RegExp(`^(.+)/(${actions.join("|")})$`, "s");
      app.route({
        method,
        url: "/conversations/*",
        handler: (request, reply) => {
          const tail = (request.params as { "*": string })["*"];
          const match = pattern.exec(tail);
          if (!match) return reply.callNotFound();
          return byAction.get(match[2]!)!(request, reply, match[1]!);
        },
      });
    }
  }
}
