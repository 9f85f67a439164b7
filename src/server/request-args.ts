/**
 * @module server/request-args
 * Query and body readers with Rasa's semantics (`rasa.utils.endpoints`): `bool_arg` is true only
 * for "true" (any case), `float_arg` ignores what does not parse, `include_events` is
 * case-insensitive with a 400 naming the parameter.
 */
import type { FastifyRequest } from "fastify";
import { EVENT_VERBOSITIES } from "../model/index.js";
import type { EventVerbosity } from "../model/index.js";
import { ApiError } from "./api-error.js";

export function queryArg(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return typeof value[0] === "string" ? value[0] : undefined;
  return typeof value === "string" ? value : undefined;
}

export function boolArg(request: FastifyRequest, name: string, fallback: boolean): boolean {
  const value = queryArg(request, name);
  return value === undefined ? fallback : value.toLowerCase() === "true";
}

export function floatArg(request: FastifyRequest, name: string): number | null {
  const value = queryArg(request, name);
  if (value === undefined || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function verbosityArg(request: FastifyRequest, fallback: EventVerbosity = "AFTER_RESTART"): EventVerbosity {
  const value = (queryArg(request, "include_events") ?? fallback).toUpperCase();
  if ((EVENT_VERBOSITIES as readonly string[]).includes(value)) return value as EventVerbosity;
  throw new ApiError(
    400,
    "BadRequest",
    `Invalid parameter value for 'include_events'. Should be one of ${EVENT_VERBOSITIES.join(", ")}`,
    { parameter: "include_events", in: "query" },
  );
}

/** Rasa's `validate_request_body`: an empty body is a 400 with the route's own message. */
export function requireBody(request: FastifyRequest, message: string): void {
  if (request.body === undefined || request.body === null || request.body === "")
    throw new ApiError(400, "BadRequest", message);
}

/** A JSON object body; anything else (list, string, number) is a 400 instead of Rasa's 500. */
export function objectBody(request: FastifyRequest, message: string): Record<string, unknown> {
  requireBody(request, message);
  const body = request.body;
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new ApiError(400, "BadRequest", "The request body must be a JSON object.", { parameter: "", in: "body" });
  return body as Record<string, unknown>;
}
