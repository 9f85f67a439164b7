/**
 * @module flows/server/rest
 * MCC's REST backend (`backend/rest_server.py`): `GET /get_uid`, `POST /init`, `POST /event`, with the
 * uid and interaction in a signed cookie. Extension: `POST /init` with `interaction` resumes it and
 * returns its last reply, so REST clients can continue after a restart.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FlowRuntime } from "../runtime/runtime.js";
import { errorBody, FlowRuntimeError } from "../runtime/errors.js";
import { parseFlowInput } from "../runtime/input.js";
import { pyJsonDumps } from "./py-json.js";
import type { SessionCodec } from "./session.js";
import { readCookie, SESSION_COOKIE, sessionCookie } from "./session.js";

const STATUS: Record<string, number> = {
  invalid_json: 400,
  bad_input: 400,
  unknown_type: 400,
  missing_uid: 400,
  not_initialized: 401,
  unknown_interaction: 404,
  nlu_failed: 502,
};

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type("application/json").send(pyJsonDumps(body));
}

function sendError(reply: FastifyReply, runtime: FlowRuntime, err: unknown): FastifyReply {
  if (err instanceof FlowRuntimeError) return send(reply, STATUS[err.code] ?? 500, errorBody(err.code, err.message));
  runtime.logger.error({ err }, "flow REST request failed");
  return send(reply, 500, errorBody("internal_error", "internal error"));
}

/** Body fields from JSON or a form; MCC's /init also reads the query string. */
function fields(req: FastifyRequest): Record<string, unknown> {
  const raw = typeof req.body === "string" ? req.body : "";
  const type = String(req.headers["content-type"] ?? "");
  let body: Record<string, unknown> = {};
  if (type.includes("application/x-www-form-urlencoded")) {
    body = Object.fromEntries(new URLSearchParams(raw));
  } else if (raw.trim() !== "") {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  }
  return { ...(req.query as Record<string, unknown>), ...body };
}

export function registerRestRoutes(
  app: FastifyInstance,
  runtime: FlowRuntime,
  codec: SessionCodec,
  prefix: string,
): void {
  const cookiePath = prefix === "" ? "/" : prefix;

  app.get(`${prefix}/get_uid`, (_req, reply) => send(reply, 200, runtime.newUid()));

  app.post(`${prefix}/init`, async (req, reply) => {
    let input: Record<string, unknown>;
    try {
      input = fields(req);
    } catch {
      return sendError(reply, runtime, new FlowRuntimeError("invalid_json", "the body is not valid JSON"));
    }
    const uid = typeof input.uid === "string" && input.uid !== "" ? input.uid : undefined;
    if (!uid) {
      // flask-restful's reqparse message, plus Confab's error object.
      return send(reply, 400, {
        message: { uid: "Missing required parameter in the JSON body or the post body or the query string" },
        ...errorBody("missing_uid", "the uid is required"),
      });
    }
    const resume = typeof input.interaction === "string" && input.interaction !== "" ? input.interaction : undefined;
    try {
      let interaction: string;
      let body;
      if (resume) {
        body = await runtime.snapshot(uid, resume);
        interaction = resume;
      } else {
        ({ interaction, reply: body } = await runtime.start(uid));
      }
      reply.header("set-cookie", sessionCookie(codec.encode({ uid, interaction }), cookiePath));
      reply.header("x-mcc-interaction", interaction);
      return send(reply, 200, body);
    } catch (err) {
      return sendError(reply, runtime, err);
    }
  });

  app.post(`${prefix}/event`, async (req, reply) => {
    const session = codec.decode(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!session) {
      return sendError(
        reply,
        runtime,
        new FlowRuntimeError("not_initialized", "The user has not been initialized yet"),
      );
    }
    try {
      // MCC parses the body as JSON whatever the content type.
      let raw: unknown;
      try {
        raw = JSON.parse(typeof req.body === "string" ? req.body : "");
      } catch {
        throw new FlowRuntimeError("invalid_json", "the body is not valid JSON");
      }
      const result = await runtime.handle(session.uid, session.interaction, parseFlowInput(raw));
      reply.header("x-mcc-interaction", session.interaction);
      return send(reply, 200, result);
    } catch (err) {
      return sendError(reply, runtime, err);
    }
  });
}
