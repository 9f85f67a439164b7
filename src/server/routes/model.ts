/**
 * @module server/routes/model
 * `GET /status`, `GET /domain`, `POST /model/parse`, `POST /model/predict`, `PUT /model` and
 * `DELETE /model` (`rasa-protocol.md` §1.4).
 */
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Agent } from "../../agent/agent.js";
import { domainToJson, domainToYaml } from "../../config/index.js";
import { createInterpreter } from "../../core/interpreter.js";
import type { MessageInterpreter } from "../../core/interpreter.js";
import { createTracker, initialSlotValues } from "../../model/index.js";
import { deserializeModel, latestModelFile, loadModel } from "../../model-archive/archive.js";
import type { TrainedModel } from "../../model-archive/archive.js";
import { loadRemoteModel, UnsupportedRemoteStorage } from "../../model-archive/remote-storage.js";
import { protectedRoute, requireAgent } from "../api-context.js";
import type { ApiContext } from "../api-context.js";
import { ApiError, errorText } from "../api-error.js";
import { objectBody, queryArg, requireBody, verbosityArg } from "../request-args.js";
import { emulatedParse, emulatedRequestText, emulationMode } from "../parse-emulation.js";
import { predictResult } from "./conversation.js";
import { eventsFromBody } from "./tracker.js";

const interpreters = new WeakMap<Agent, MessageInterpreter>();
function interpreterOf(agent: Agent): MessageInterpreter {
  let interpreter = interpreters.get(agent);
  if (!interpreter) {
    interpreter = createInterpreter(agent.model.nlu, agent.model.domain);
    interpreters.set(agent, interpreter);
  }
  return interpreter;
}

export function registerModelRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/status",
    protectedRoute(ctx, () => {
      const agent = requireAgent(ctx);
      return Promise.resolve({
        model_file: agent.model.file ? path.basename(agent.model.file) : null,
        model_id: agent.model.metadata.model_id,
        num_active_training_jobs: trainingJobs.count,
      });
    }),
  );

  app.get(
    "/domain",
    protectedRoute(ctx, (request, reply) => {
      const agent = requireAgent(ctx);
      const accept = (request.headers.accept ?? "application/json").split(",")[0]!.split(";")[0]!.trim();
      // Rasa matches the header's ending; `*/*` (curl's default) is answered as JSON here.
      if (accept.endsWith("json") || accept === "*/*") return Promise.resolve(domainToJson(agent.model.domain));
      if (accept.endsWith("yml") || accept.endsWith("yaml"))
        return Promise.resolve(reply.type("application/x-yaml").send(domainToYaml(agent.model.domain)));
      throw new ApiError(
        406,
        "NotAcceptable",
        'Invalid Accept header. Domain can be provided as json ("Accept: application/json") or' +
          'yml ("Accept: application/x-yaml"). Make sure you\'ve set the appropriate Accept header.',
      );
    }),
  );

  app.post(
    "/model/parse",
    protectedRoute(ctx, async (request) => {
      const agent = requireAgent(ctx);
      requireBody(
        request,
        "No text message defined in request_body. Add text message to request body in order to obtain the intent and extracted entities.",
      );
      const modeArg = queryArg(request, "emulation_mode");
      const mode = modeArg === undefined ? null : emulationMode(modeArg);
      if (modeArg !== undefined && mode === null)
        throw new ApiError(
          400,
          "BadRequest",
          "Invalid parameter value for 'emulation_mode'. Should be one of 'WIT', 'LUIS', 'DIALOGFLOW'.",
          { parameter: "emulation_mode", in: "query" },
        );
      const body = request.body as Record<string, unknown> | null;
      const text = typeof body === "object" && body !== null ? (mode ? emulatedRequestText(body) : body.text) : null;
      if (typeof text !== "string")
        throw new ApiError(400, "ParsingError", "An unexpected error occurred. Error: 'text' must be a string.");
      const messageId = typeof body?.message_id === "string" ? body.message_id : undefined;
      const parse = await interpreterOf(agent).parse(text, { messageId });
      return mode ? emulatedParse(mode, parse) : parse;
    }),
  );

  app.post(
    "/model/predict",
    protectedRoute(ctx, (request) => {
      const agent = requireAgent(ctx);
      const events = eventsFromBody(request.body, true);
      const verbosity = verbosityArg(request);
      try {
        const prediction = agent.processor.predictFor(events);
        const tracker = createTracker("default", initialSlotValues(agent.model.domain), events);
        const distribution = agent.model.policies.winnerScores(prediction, tracker, agent.model.domain);
        return Promise.resolve(predictResult(agent.model.domain, prediction, tracker, verbosity, distribution));
      } catch (err) {
        throw new ApiError(500, "PredictionError", `An unexpected error occurred. Error: ${errorText(err)}`);
      }
    }),
  );

  app.put(
    "/model",
    protectedRoute(ctx, async (request, reply) => {
      const body = objectBody(request, "No path to model file defined in request_body.");
      const model = await modelFromRequest(ctx, body);
      await ctx.holder.load(model);
      return reply.code(204).send();
    }),
  );

  app.delete(
    "/model",
    protectedRoute(ctx, (_request, reply) => {
      ctx.holder.unload();
      return Promise.resolve(reply.code(204).send());
    }),
  );
}

/** Counts `/model/train` runs in progress for `/status`. */
export const trainingJobs = { count: 0 };

/** The model a `PUT /model` body names: `model_file` (a file, or a folder's latest model) or `model_server`. */
export async function modelFromRequest(ctx: ApiContext, body: Record<string, unknown>): Promise<TrainedModel> {
  const { model_file: modelFile, model_server: server, remote_storage: remote } = body;
  if (server != null) return fetchModel(server);
  if (typeof modelFile !== "string" || modelFile === "")
    throw new ApiError(400, "BadRequest", "No path to model file defined in request_body.");
  if (remote != null) return fetchRemoteModel(remote, modelFile);
  const resolved = latestModelFile(path.resolve(ctx.projectRoot, modelFile));
  if (!resolved || !fs.existsSync(resolved))
    throw new ApiError(400, "BadRequest", `Agent with name '${modelFile}' could not be loaded.`, {
      parameter: "model",
      in: "query",
    });
  try {
    return loadModel(resolved);
  } catch (err) {
    throw new ApiError(500, "LoadingError", `An unexpected error occurred. Error: ${errorText(err)}`);
  }
}

/** `remote_storage`: the model named `model_file` in a cloud bucket (`model-archive/remote-storage`). */
async function fetchRemoteModel(remote: unknown, modelFile: string): Promise<TrainedModel> {
  try {
    return await loadRemoteModel(remote, modelFile);
  } catch (err) {
    if (err instanceof UnsupportedRemoteStorage)
      throw new ApiError(400, "BadRequest", err.message, { parameter: "remote_storage", in: "body" });
    throw new ApiError(500, "LoadingError", `An unexpected error occurred. Error: ${errorText(err)}`);
  }
}

/** `model_server`: Rasa's EndpointConfig (`url`, `headers`, `params`, `token`, `token_name`). */
async function fetchModel(server: unknown): Promise<TrainedModel> {
  const s = (typeof server === "object" && server !== null ? server : {}) as Record<string, unknown>;
  const url = typeof s.url === "string" && URL.canParse(s.url) ? new URL(s.url) : null;
  if (!url || !/^https?:$/.test(url.protocol))
    throw new ApiError(400, "BadRequest", "Supplied 'model_server' is not valid. Error: 'url' must be an http(s) URL", {
      parameter: "model_server",
      in: "body",
    });
  try {
    const params = (typeof s.params === "object" && s.params !== null ? s.params : {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
    if (typeof s.token === "string")
      url.searchParams.set(typeof s.token_name === "string" ? s.token_name : "token", s.token);
    const headers = (typeof s.headers === "object" && s.headers !== null ? s.headers : {}) as Record<string, string>;
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`model server answered ${res.status}`);
    return deserializeModel(Buffer.from(await res.arrayBuffer()), url.href);
  } catch (err) {
    throw new ApiError(500, "LoadingError", `An unexpected error occurred. Error: ${errorText(err)}`);
  }
}
