/**
 * @module nlg/nlg-http-server
 * Serves a domain's responses over Rasa's NLG-server protocol (`rasa-protocol.md` §5.1), so copy can
 * move out of the bot: `POST /nlg` with `{response, arguments, tracker, channel}` answers the rendered
 * message (variation chosen for the tracker's slots and the channel, `{placeholders}` filled from
 * `arguments` then slots). An unknown response answers 404; `GET /health` answers `{"status":"ok"}`.
 */
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import { botMessageDict, renderResponse } from "../actions/responses/index.js";
import type { Domain } from "../model/index.js";

export interface NlgHttpServerOptions {
  /** When set, requests must carry `?token=<token>` (what Rasa's `nlg.token` sends). */
  token?: string;
  random?: () => number;
}

interface NlgRequest {
  response?: unknown;
  template?: unknown;
  arguments?: unknown;
  tracker?: { slots?: unknown };
  channel?: { name?: unknown };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The NLG answer for one request body, or an error status and message. */
export function renderNlgRequest(
  domain: Domain,
  body: unknown,
  random?: () => number,
): { status: 200; message: Record<string, unknown> } | { status: 400 | 404; error: string } {
  if (!isObject(body)) return { status: 400, error: "The request body must be a JSON object." };
  const req = body as NlgRequest;
  // Rasa 2.x sent the name as `template`.
  const name = typeof req.response === "string" ? req.response : req.template;
  if (typeof name !== "string") return { status: 400, error: "The request needs a 'response' name." };
  const slots = isObject(req.tracker?.slots) ? req.tracker.slots : {};
  const kwargs = isObject(req.arguments) ? req.arguments : {};
  const channel = typeof req.channel?.name === "string" ? req.channel.name : null;
  const rendered = renderResponse(name, domain, slots, { channel, kwargs, random });
  if (!rendered) return { status: 404, error: `No response '${name}' in the domain.` };
  const message = botMessageDict(rendered.event);
  delete message.timestamp;
  delete message.utter_action;
  for (const [k, v] of Object.entries(message)) if (v === null || v === undefined) delete message[k];
  return { status: 200, message };
}

export function buildNlgServer(domain: Domain, options: NlgHttpServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get("/health", () => ({ status: "ok" }));
  app.post("/nlg", async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (options.token !== undefined && query.token !== options.token)
      return reply.code(401).send({ error: "Missing or wrong token." });
    const result = renderNlgRequest(domain, request.body, options.random);
    if (result.status !== 200) return reply.code(result.status).send({ error: result.error });
    return result.message;
  });
  return app;
}
