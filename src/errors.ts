/**
 * @module errors
 * Stable error codes, one catalog (fastify's FST_ERR_* habit). Codes are never reused;
 * `docs/errors.md` lists them. Mapping to Rasa's HTTP error body happens only in src/server.
 */
export const ERROR_CODES = {
  CONFAB_ERR_CONFIG: "Invalid project configuration",
  CONFAB_ERR_NO_MODEL: "No trained model could be found or loaded",
  CONFAB_ERR_ACTION_UNKNOWN: "The predicted action is not known to the domain",
  CONFAB_ERR_ACTION_FAILED: "An action raised an error; its events were dropped and the conversation continues",
  CONFAB_ERR_ACTION_SERVER_MISSING: "A custom action was predicted but no action_endpoint is configured",
  CONFAB_ERR_RESPONSE_MISSING: "A response was requested that the domain does not define",
  CONFAB_ERR_ACTION_LIMIT: "The prediction loop hit its action budget and was stopped with action_listen",
  CONFAB_ERR_BAD_EVENT: "An event could not be read",
  CONFAB_ERR_MODEL_ARCHIVE: "The model archive is unreadable",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class ConfabError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ConfabError";
  }
}
