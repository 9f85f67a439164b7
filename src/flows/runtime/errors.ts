/**
 * @module flows/runtime/errors
 * Errors a flow client can see, as `{"error": {code, message}}`.
 */
export type FlowRuntimeErrorCode =
  | "invalid_json"
  | "bad_input"
  | "unknown_type"
  | "missing_uid"
  | "unknown_interaction"
  | "not_initialized"
  | "nlu_failed"
  | "flow_error"
  | "internal_error";

export class FlowRuntimeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "FlowRuntimeError";
  }
}

export interface FlowErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): FlowErrorBody {
  return { error: { code, message } };
}
