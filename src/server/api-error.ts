/**
 * @module server/api-error
 * An error a route throws to answer with Rasa's error body (Rasa's `ErrorResponse`). The app's
 * error handler turns it into `{version, status, message, reason, details, help, code}`.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly help: string | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const DOCS = "https://rasa.com/docs/rasa";

/** Rasa's `ensure_loaded_agent`. */
export function noAgentLoaded(): ApiError {
  return new ApiError(
    409,
    "Conflict",
    "No agent loaded. To continue processing, a model of a trained agent needs to be loaded.",
    {},
    `${DOCS}/user-guide/configuring-http-api/`,
  );
}

/** Rasa's `ensure_conversation_exists`. */
export function conversationNotFound(): ApiError {
  return new ApiError(404, "Not found", "Conversation ID not found.");
}

/** Any failure inside a conversation operation (Rasa wraps them as `ConversationError`). */
export function conversationError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(500, "ConversationError", `An unexpected error occurred. Error: ${errorText(err)}`);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
