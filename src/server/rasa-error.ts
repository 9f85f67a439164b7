/**
 * @module server/rasa-error
 * Rasa's error body for every non-2xx JSON answer (`rasa-protocol.md` §1.3):
 * `{version, status: "failure", message, reason, details, help, code}`.
 */
import type { FastifyReply } from "fastify";
import { RASA_VERSION } from "../version.js";

export interface RasaErrorBody {
  version: string;
  status: "failure";
  message: string;
  reason: string;
  details: Record<string, unknown>;
  help: string | null;
  code: number;
}

export function rasaErrorBody(
  code: number,
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
  help: string | null = null,
): RasaErrorBody {
  return { version: RASA_VERSION, status: "failure", message, reason, details, help, code };
}

export function sendRasaError(
  reply: FastifyReply,
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  return reply
    .code(code)
    .type("application/json")
    .send(rasaErrorBody(code, reason, message, details));
}
