/**
 * @module server/routes/callback-url
 * Rasa's `callback_url` (`/model/train`, `/model/test/intents`, its `async_if_callback_url`): an authorised request is
 * answered 204 at once, the route's work (checking the request included) runs afterwards, and its result, or the
 * Rasa error body of its failure (a malformed body too), is POSTed to the URL.
 */
import type { FastifyReply } from "fastify";
import type { ApiContext } from "../api-context.js";
import { ApiError, errorText } from "../api-error.js";
import { rasaErrorBody } from "../rasa-error.js";

export interface CallbackPayload {
  body: Buffer | string;
  contentType: string;
}

function errorBodyOf(err: unknown) {
  const e =
    err instanceof ApiError
      ? err
      : new ApiError(500, "UnexpectedError", `An unexpected error occurred. Error: ${errorText(err)}`);
  return rasaErrorBody(e.statusCode, e.reason, e.message, e.details, e.help);
}

async function post(ctx: ApiContext, url: string, payload: CallbackPayload): Promise<void> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": payload.contentType },
      body: payload.body,
    });
    if (!res.ok) ctx.logger.error({ url, status: res.status }, "callback_url answered with an error");
  } catch (err) {
    ctx.logger.error({ url, err: errorText(err) }, "Could not POST the result to callback_url");
  }
}

/** Answers 204 now; `work` runs once that answer is on its way, and what it gives (or throws) goes to `url`. */
export function answerViaCallback(
  ctx: ApiContext,
  reply: FastifyReply,
  url: string,
  work: () => CallbackPayload | Promise<CallbackPayload>,
): FastifyReply {
  // The work may block the event loop (training): start it on the next turn, after the 204 is written.
  setImmediate(() => {
    void Promise.resolve()
      .then(work)
      .then(
        (payload) => post(ctx, url, payload),
        (err: unknown) => post(ctx, url, { body: JSON.stringify(errorBodyOf(err)), contentType: "application/json" }),
      );
  });
  return reply.code(204).send();
}
