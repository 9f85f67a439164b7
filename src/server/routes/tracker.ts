/**
 * @module server/routes/tracker
 * `GET /conversations/{id}/tracker`, `POST|PUT /conversations/{id}/tracker/events` and
 * `GET /conversations/{id}/story` (`rasa-protocol.md` §1.4).
 */
import type { FastifyRequest } from "fastify";
import type { Agent } from "../../agent/agent.js";
import { Conversation } from "../../core/conversation.js";
import { createTracker, EventFormatError, initialSlotValues, parseEvents, trackerToJson } from "../../model/index.js";
import type { Event, Tracker } from "../../model/index.js";
import type { OutputChannel } from "../../ports/index.js";
import { guard, outputChannelFor, requireAgent } from "../api-context.js";
import type { ApiContext } from "../api-context.js";
import { ApiError, conversationError, conversationNotFound, DOCS } from "../api-error.js";
import type { ConversationRouter } from "../conversation-router.js";
import { boolArg, floatArg, verbosityArg } from "../request-args.js";
import { conversationToTestStories } from "../story-export.js";

const NOWHERE: OutputChannel = { name: "collector", sendResponse: () => Promise.resolve() };

/** Rasa's `validate_events_in_request_body` + `Event.from_parameters`. */
export function eventsFromBody(body: unknown, requireList = false): Event[] {
  let events: Event[];
  try {
    if (requireList && !Array.isArray(body)) throw new EventFormatError("events: expected a list of event objects", "");
    events = parseEvents(body ?? null);
  } catch (err) {
    if (!(err instanceof EventFormatError)) throw err;
    throw new ApiError(
      400,
      "BadRequest",
      `Failed to validate the events format. For more information about the format visit the docs. Error: ${err.message}`,
      {},
      `${DOCS}/pages/http-api`,
    );
  }
  if (events.length === 0 && !requireList) {
    throw new ApiError(400, "BadRequest", "Couldn't extract a proper event from the request body.", {
      parameter: "",
      in: "body",
    });
  }
  return events;
}

/** Rasa's `fetch_tracker_with_initial_session`: a new conversation shows its session start (not saved). */
export async function trackerWithInitialSession(agent: Agent, conversationId: string): Promise<Tracker> {
  const conversation = await Conversation.load(agent.trackerStore, conversationId, agent.model.domain);
  if (conversation.isNew) await agent.processor.engine.ensureSession(conversation, NOWHERE);
  return conversation.tracker;
}

function travelBack(tracker: Tracker, until: number | null, agent: Agent): Tracker {
  if (until === null) return tracker;
  const events = tracker.events.filter((e) => e.timestamp <= until);
  return createTracker(tracker.senderId, initialSlotValues(agent.model.domain), events);
}

export function registerTrackerRoutes(router: ConversationRouter, ctx: ApiContext): void {
  const withAgent = async (request: FastifyRequest, id: string): Promise<Agent> => {
    await guard(ctx, request, id);
    return requireAgent(ctx);
  };

  router.add("GET", "tracker", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const verbosity = verbosityArg(request);
    const tracker = await trackerWithInitialSession(agent, id);
    return trackerToJson(travelBack(tracker, floatArg(request, "until"), agent), verbosity);
  });

  router.add("POST", "tracker/events", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const events = eventsFromBody(request.body);
    const verbosity = verbosityArg(request);
    const sideEffects = boolArg(request, "execute_side_effects", false);
    try {
      const output = outputChannelFor(ctx, request, await agent.processor.fetchTracker(id));
      const tracker = await agent.processor.appendEvents(id, events, output, sideEffects);
      return trackerToJson(tracker, verbosity);
    } catch (err) {
      throw conversationError(err);
    }
  });

  router.add("PUT", "tracker/events", async (request, _reply, id) => {
    const agent = await withAgent(request, id);
    const events = eventsFromBody(request.body, true);
    const verbosity = verbosityArg(request);
    try {
      return trackerToJson(await agent.processor.replaceEvents(id, events), verbosity);
    } catch (err) {
      throw conversationError(err);
    }
  });

  router.add("GET", "story", async (request, reply, id) => {
    const agent = await withAgent(request, id);
    if (!(await agent.processor.exists(id))) throw conversationNotFound();
    const tracker = await agent.processor.fetchTracker(id);
    const story = conversationToTestStories(id, tracker.events, {
      until: floatArg(request, "until"),
      allSessions: boolArg(request, "all_sessions", false),
    });
    return reply.type("text/plain; charset=utf-8").send(story);
  });
}
