/**
 * @module legacy
 * The rasa_core 0.x HTTP API behind `--legacy-api` (seed "Server Configuration",
 * `rasa-protocol.md` §10): remote-action mode, where the client runs the actions itself.
 * `parse` logs the user message and answers the next action; the client executes it and reports
 * it with `continue` (plus the events it produced) until `next_action` is `action_listen`.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Agent } from "../agent/agent.js";
import { CollectingOutputChannel } from "../channels/collecting-output.js";
import { parseEvent, trackerToJson } from "../model/index.js";
import type { Event } from "../model/index.js";
import { guard, protectedRoute, requireAgent } from "../server/api-context.js";
import type { ApiContext } from "../server/api-context.js";
import { ApiError, conversationError } from "../server/api-error.js";
import type { ConversationRouter } from "../server/conversation-router.js";
import { objectBody, verbosityArg } from "../server/request-args.js";
import { eventsFromBody } from "../server/routes/tracker.js";

const NOWHERE = { name: "collector", sendResponse: () => Promise.resolve() };

/** rasa_core read the text from `query` (or `q`). */
function queryText(request: FastifyRequest): string {
  const body = objectBody(request, "Invalid parse parameter specified.");
  const text = body.query ?? body.q;
  if (typeof text !== "string")
    throw new ApiError(400, "BadRequest", "Invalid parse parameter specified.", { parameter: "query", in: "body" });
  return text;
}

async function nextAction(agent: Agent, id: string) {
  const { prediction, tracker } = await agent.processor.predict(id);
  return { next_action: prediction.action, tracker: trackerToJson(tracker, "AFTER_RESTART") };
}

export function registerLegacyApi(app: FastifyInstance, router: ConversationRouter, ctx: ApiContext): void {
  const withAgent = async (request: FastifyRequest, id: string): Promise<Agent> => {
    await guard(ctx, request, id);
    return requireAgent(ctx);
  };

  router.add("POST", "parse", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const text = queryText(request);
    try {
      await agent.processor.logMessage(id, { text, inputChannel: null });
      return await nextAction(agent, id);
    } catch (err) {
      throw conversationError(err);
    }
  });

  router.add("POST", "continue", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const body = objectBody(request, "No executed action given.");
    if (typeof body.executed_action !== "string" || body.executed_action === "")
      throw new ApiError(400, "BadRequest", "'executed_action' must name the action the client ran.", {
        parameter: "executed_action",
        in: "body",
      });
    const reported =
      body.events == null || (Array.isArray(body.events) && body.events.length === 0)
        ? []
        : eventsFromBody(body.events, true);
    const executed = parseEvent({ event: "action", name: body.executed_action }) as Event;
    try {
      await agent.processor.appendEvents(id, [executed, ...reported], NOWHERE);
      return await nextAction(agent, id);
    } catch (err) {
      throw conversationError(err);
    }
  });

  router.add("POST", "respond", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const text = queryText(request);
    const output = new CollectingOutputChannel();
    try {
      await agent.processor.handleMessage({ text, senderId: id, inputChannel: "rest" }, output);
    } catch (err) {
      throw conversationError(err);
    }
    return output.messages;
  });

  router.add("GET", "tracker", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    return trackerToJson(await agent.processor.fetchTracker(id), verbosityArg(request));
  });

  router.add("PUT", "tracker", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const events = eventsFromBody(request.body, true);
    return trackerToJson(await agent.processor.replaceEvents(id, events), verbosityArg(request));
  });

  router.add("POST", "tracker/events", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const events = eventsFromBody(request.body);
    return trackerToJson(await agent.processor.appendEvents(id, events, NOWHERE), verbosityArg(request));
  });

  app.get(
    "/conversations",
    protectedRoute(ctx, async () => requireAgent(ctx).trackerStore.keys()),
  );
}
