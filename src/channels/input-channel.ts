/**
 * @module channels/input-channel
 * A channel from credentials.yml: mounts its routes (or socket server) and, when it can reach users
 * outside a request (callback, socketio), provides an output channel for `output_channel`,
 * reminders and side effects.
 */
import type { FastifyInstance } from "fastify";
import type { OutputChannel } from "../ports/index.js";
import type { MessageHandler } from "./message-handler.js";

export interface InputChannel {
  readonly name: string;
  register(app: FastifyInstance, handler: MessageHandler): void;
  /** Rasa's `get_output_channel()`: null when replies only go back in the request (REST). */
  outputChannel(): OutputChannel | null;
  close?(): Promise<void>;
}
