/**
 * @module server/routes/conversation
 * `POST /conversations/{id}/execute`, `/trigger_intent`, `/predict` and `/messages`
 * (`rasa-protocol.md` §1.4), with Rasa's reason strings and status codes.
 */
import type { FastifyRequest } from "fastify";
import type { Agent } from "../../agent/agent.js";
import { entitiesOf } from "../../core/message-processor.js";
import type { ActionPrediction } from "../../core/predictor.js";
import { allActionNames, intentNames, trackerToJson } from "../../model/index.js";
import type { Domain, EventVerbosity, ParseResult, Tracker } from "../../model/index.js";
import { collectedMessages, guard, outputChannelFor, requireAgent } from "../api-context.js";
import type { ApiContext } from "../api-context.js";
import { ApiError, conversationError, conversationNotFound } from "../api-error.js";
import type { ConversationRouter } from "../conversation-router.js";
import { objectBody, verbosityArg } from "../request-args.js";

/**
 * Rasa's PredictResult. The ensemble only reports its winner, so every other domain action scores 0;
 * sorted by descending score, then name, as Rasa's `/predict` sorts.
 */
export function predictResult(
  domain: Domain,
  prediction: ActionPrediction,
  tracker: Tracker,
  verbosity: EventVerbosity = "AFTER_RESTART",
  distribution: ReadonlyMap<string, number> | null = null,
) {
  const scores = allActionNames(domain).map((action) => ({
    action,
    score: action === prediction.action ? prediction.confidence : (distribution?.get(action) ?? 0),
  }));
  scores.sort((a, b) => b.score - a.score || (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
  return {
    scores,
    policy: prediction.policy,
    confidence: prediction.confidence,
    tracker: trackerToJson(tracker, verbosity),
  };
}

function optionalNumber(v: unknown, name: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  throw new ApiError(400, "BadRequest", `'${name}' must be a number.`, { parameter: name, in: "body" });
}

function optionalString(v: unknown, name: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v;
  throw new ApiError(400, "BadRequest", `'${name}' must be a string.`, { parameter: name, in: "body" });
}

export function registerConversationRoutes(router: ConversationRouter, ctx: ApiContext): void {
  const withAgent = async (request: FastifyRequest, id: string): Promise<Agent> => {
    await guard(ctx, request, id);
    return requireAgent(ctx);
  };

  router.add("POST", "execute", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    if (!(await agent.processor.exists(id))) throw conversationNotFound();
    const body = objectBody(request, "Name of the action not provided in request body.");
    const name = body.name;
    if (!name || typeof name !== "string") {
      throw new ApiError(400, "BadRequest", "Name of the action not provided in request body.", {
        parameter: "name",
        in: "body",
      });
    }
    const policy = optionalString(body.policy, "policy");
    const confidence = optionalNumber(body.confidence, "confidence");
    const verbosity = verbosityArg(request);
    if (!allActionNames(agent.model.domain).includes(name))
      throw new ApiError(404, "NotFound", `The action '${name}' does not exist in the domain.`);
    try {
      const output = outputChannelFor(ctx, request, await agent.processor.fetchTracker(id));
      const tracker = await agent.processor.executeAction(id, name, output, policy, confidence);
      return { tracker: trackerToJson(tracker, verbosity), ...collectedMessages(output) };
    } catch (err) {
      throw conversationError(err);
    }
  });

  router.add("POST", "trigger_intent", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const body = objectBody(request, "Name of the intent not provided in request body.");
    const name = body.name;
    if (!name || typeof name !== "string") {
      throw new ApiError(400, "BadRequest", "Name of the intent not provided in request body.", {
        parameter: "name",
        in: "body",
      });
    }
    const verbosity = verbosityArg(request);
    if (!intentNames(agent.model.domain).includes(name))
      throw new ApiError(404, "NotFound", `The intent ${name} does not exist in the domain.`);
    const entities = body.entities ?? [];
    if (typeof entities !== "object" || entities === null)
      throw new ApiError(400, "BadRequest", "'entities' must be an object or a list.", {
        parameter: "entities",
        in: "body",
      });
    try {
      const output = outputChannelFor(ctx, request, await agent.processor.fetchTracker(id));
      const tracker = await agent.processor.triggerIntent(id, name, entitiesOf(entities), output);
      return { tracker: trackerToJson(tracker, verbosity), ...collectedMessages(output) };
    } catch (err) {
      throw conversationError(err);
    }
  });

  router.add("POST", "predict", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    if (!(await agent.processor.exists(id))) throw conversationNotFound();
    try {
      const { prediction, tracker } = await agent.processor.predict(id);
      const distribution = agent.model.policies.winnerScores(prediction, tracker, agent.model.domain);
      return predictResult(agent.model.domain, prediction, tracker, "AFTER_RESTART", distribution);
    } catch (err) {
      throw conversationError(err);
    }
  });

  router.add("POST", "messages", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const body = objectBody(
      request,
      "No message defined in request body. Add a message to the request body in order to add it to the tracker.",
    );
    const verbosity = verbosityArg(request);
    if (body.sender !== "user") {
      throw new ApiError(
        400,
        "BadRequest",
        `Currently, only user messages can be passed to this endpoint. Messages of sender '${pyRepr(body.sender)}' cannot be handled.`,
        { parameter: "sender", in: "body" },
      );
    }
    if (typeof body.text !== "string")
      throw new ApiError(400, "BadRequest", "'text' must be a string.", { parameter: "text", in: "body" });
    const parseData = body.parse_data;
    if (parseData != null && (typeof parseData !== "object" || Array.isArray(parseData)))
      throw new ApiError(400, "BadRequest", "'parse_data' must be an object.", { parameter: "parse_data", in: "body" });
    try {
      const tracker = await agent.processor.logMessage(id, {
        text: body.text,
        inputChannel: null,
        parseData: parseData ? normaliseParseData(parseData, body.text) : undefined,
      });
      return trackerToJson(tracker, verbosity);
    } catch (err) {
      throw conversationError(err);
    }
  });
}

function normaliseParseData(parse: Partial<ParseResult>, text: string): ParseResult {
  return {
    ...parse,
    text: typeof parse.text === "string" ? parse.text : text,
    intent: typeof parse.intent === "object" && parse.intent !== null ? parse.intent : {},
    entities: Array.isArray(parse.entities) ? parse.entities : [],
  };
}

/** How Python's `format` prints the value (`None` for a missing sender). */
function pyRepr(v: unknown): string {
  if (v === undefined || v === null) return "None";
  return typeof v === "string" ? v : JSON.stringify(v);
}
