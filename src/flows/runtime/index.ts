export { FlowRuntime, newInteractionId } from "./runtime.js";
export type { FlowRuntimeOptions } from "./runtime.js";
export { parseFlowInput, parseFlowFrame } from "./input.js";
export type { FlowInput } from "./input.js";
export { FlowRuntimeError, errorBody } from "./errors.js";
export type { FlowErrorBody, FlowRuntimeErrorCode } from "./errors.js";
