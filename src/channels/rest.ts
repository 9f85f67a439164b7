/**
 * @module channels/rest
 * Rasa's REST channel (`rasa-protocol.md` §2.2): `POST /webhooks/rest/webhook` with
 * `{sender, message, metadata?, input_channel?}` answers the bot messages as a JSON array.
 */
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { collectMessages } from "../actions/responses/index.js";
import type { UserMessage } from "../model/index.js";
import type { OutputChannel } from "../ports/index.js";
import { sendRasaError } from "../server/rasa-error.js";
import { CollectingOutputChannel } from "./collecting-output.js";
import type { MessageHandler } from "./message-handler.js";

interface RestBody {
  sender?: unknown;
  message?: unknown;
  metadata?: unknown;
  input_channel?: unknown;
  message_id?: unknown;
}

/** Reads a REST webhook body into a UserMessage, or returns the problem as a string. */
export function readRestBody(body: unknown, channelName: string): UserMessage | string {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return "The request body must be a JSON object.";
  const b = body as RestBody;
  if (typeof b.message !== "string") return "The request body must contain a 'message' string.";
  if (
    b.metadata !== undefined &&
    b.metadata !== null &&
    (typeof b.metadata !== "object" || Array.isArray(b.metadata))
  ) {
    return "'metadata' must be a JSON object.";
  }
  if (b.sender !== undefined && b.sender !== null && !["string", "number"].includes(typeof b.sender)) {
    return "'sender' must be a string.";
  }
  const sender = typeof b.sender === "string" || typeof b.sender === "number" ? String(b.sender) : "default";
  return {
    text: b.message,
    senderId: sender,
    inputChannel: typeof b.input_channel === "string" ? b.input_channel : channelName,
    messageId: typeof b.message_id === "string" ? b.message_id : undefined,
    metadata: (b.metadata as Record<string, unknown> | null | undefined) ?? undefined,
  };
}

export function registerRestChannel(app: FastifyInstance, handler: MessageHandler, name = "rest"): void {
  app.get(`/webhooks/${name}/`, () => ({ status: "ok" }));
  app.post(`/webhooks/${name}/webhook`, async (request, reply) => {
    const message = readRestBody(request.body, name);
    if (typeof message === "string") return sendRasaError(reply, 400, "BadRequest", message);
    const stream = (request.query as { stream?: unknown } | undefined)?.stream;
    if (typeof stream === "string" && stream.toLowerCase() === "true") {
      return reply.type("text/event-stream").send(streamTurn(message, handler, request.log));
    }
    const output = new CollectingOutputChannel();
    try {
      await handler(message, output);
    } catch (err) {
      // Rasa logs processing errors and still answers with what was collected.
      request.log.error({ err, sender: message.senderId }, "An exception occurred while handling user message");
    }
    return output.messages;
  });
}

/**
 * `?stream=true`: one JSON object per line, written as each action's messages are produced (Rasa's
 * QueueOutputChannel), and the stream ends when the turn does.
 */
function streamTurn(
  message: UserMessage,
  handler: MessageHandler,
  log: { error(obj: object, msg?: string): void },
): PassThrough {
  const body = new PassThrough();
  const output: OutputChannel = {
    name: "rest",
    sendResponse(recipientId, bot) {
      for (const m of collectMessages(bot, recipientId)) body.write(`${JSON.stringify(m)}\n`);
      return Promise.resolve();
    },
  };
  handler(message, output)
    .catch((err: unknown) =>
      log.error({ err, sender: message.senderId }, "An exception occurred while handling user message"),
    )
    .finally(() => body.end());
  return body;
}
