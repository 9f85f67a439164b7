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
  CONFAB_ERR_ACTION_SERVER_UNREACHABLE:
    "The action server could not be reached (connection refused or failed); the action's events were dropped",
  CONFAB_ERR_ACTION_SERVER_TIMEOUT:
    "The action server did not answer within the configured timeout; the action's events were dropped",
  CONFAB_ERR_ACTION_NOT_FOUND:
    "The action server does not know the custom action (HTTP 404); the action's events were dropped",
  CONFAB_ERR_ACTION_SERVER_ERROR:
    "The action server answered with an error status (500 or another non-2xx, non-400 code); the action's events were dropped",
  CONFAB_ERR_ACTION_SERVER_RESPONSE:
    "The action server's answer is not valid JSON or not in the action response format; the action's events were dropped",
  CONFAB_ERR_SLOT_MAPPING_ACTION:
    "A custom slot-mapping or slot validation action failed; the other slot events of the turn were kept",
  CONFAB_ERR_NLG_SERVER:
    "The NLG server failed (unreachable, timeout, error status or invalid answer); the domain response was used when there is one",
  CONFAB_ERR_REMINDER: "A reminder could not be scheduled or fired; it was logged and dropped",
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
