/**
 * @module server/api-context
 * What the HTTP API routes share: the agent holder, the auth check, output channels by name and
 * where trained models go.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Agent } from "../agent/agent.js";
import { CollectingOutputChannel } from "../channels/collecting-output.js";
import { latestInputChannel } from "../model/index.js";
import type { Tracker } from "../model/index.js";
import type { Logger, OutputChannel } from "../ports/index.js";
import type { AgentHolder } from "./agent-holder.js";
import { ApiError, noAgentLoaded } from "./api-error.js";
import type { Authorize } from "./auth.js";
import { queryArg } from "./request-args.js";

export interface ApiContext {
  holder: AgentHolder;
  authorize: Authorize;
  /** An output channel that reaches users of the named input channel, or null (e.g. `rest`). */
  outputFor: (channel: string | null) => OutputChannel | null;
  logger: Logger;
  /** Where `/model/train` saves models (`save_to_default_model_directory`). */
  modelDir: string;
  /** Base folder for relative `model_file` paths in `PUT /model`. */
  projectRoot: string;
}

export function requireAgent(ctx: ApiContext): Agent {
  const agent = ctx.holder.agent;
  if (!agent) throw noAgentLoaded();
  return agent;
}

/** Throws Rasa's 401/403 error unless the request may call this route. */
export async function guard(ctx: ApiContext, request: FastifyRequest, conversationId: string | null): Promise<void> {
  const failure = await ctx.authorize(request, conversationId);
  if (failure) throw new ApiError(failure.code, failure.reason, failure.message, {}, failure.help);
}

/** A route protected by auth (no conversation id in its path). */
export function protectedRoute(
  ctx: ApiContext,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> {
  return async (request, reply) => {
    await guard(ctx, request, null);
    return handler(request, reply);
  };
}

/**
 * Rasa's `_get_output_channel`: `?output_channel=<name>` (or `latest`, the tracker's latest input
 * channel) when that channel can reach users on its own, else a collector whose messages go into
 * the response body.
 */
export function outputChannelFor(ctx: ApiContext, request: FastifyRequest, tracker: Tracker | null): OutputChannel {
  let requested = queryArg(request, "output_channel") ?? null;
  if (requested === "latest" && tracker) requested = latestInputChannel(tracker.events);
  return (requested ? ctx.outputFor(requested) : null) ?? new CollectingOutputChannel();
}

export function collectedMessages(output: OutputChannel): { messages?: unknown[] } {
  return output instanceof CollectingOutputChannel ? { messages: output.messages } : {};
}
