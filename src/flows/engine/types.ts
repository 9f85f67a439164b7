/**
 * @module flows/engine/types
 * Callback contract and engine state, following MCC's `Response` and `Framework` fields.
 */
import type { Kb } from "../definition/types.js";

/** MCC's CTX_COMPLETED: the context key listing the OR/PARALLEL gateways that currently count as satisfied. */
export const CTX_COMPLETED = "_done_";

export type FlowContext = Record<string, unknown>;
export type FlowData = Record<string, unknown>;

/** What a callback returns (MCC's `Response`). `kb`/`ctx` default to the (possibly mutated) objects passed in. */
export interface FlowResponse {
  complete: boolean;
  utterance?: string;
  payload?: Record<string, unknown>;
  /** For gateways: the chosen activity id; `null`/absent on OR/PARALLEL means "leave the gateway". */
  choice?: string | null;
  kb?: Kb;
  ctx?: FlowContext;
}

export type FlowCallback = (data: FlowData, kb: Kb, ctx: FlowContext) => FlowResponse | Promise<FlowResponse>;
export type FlowCallbacks = Record<string, FlowCallback>;

/** The wire reply of every input. */
export interface FlowReply {
  utterance: string;
  payload: Record<string, unknown>;
}

/** One interaction's engine state: plain JSON, safe to persist and restore. */
export interface EngineState {
  current: string;
  /** MCC's `_stack`: where a `next_id: null` returns to; `null` entries are skipped when popping. */
  stack: (string | null)[];
  /** MCC's `_done`: gateway id → choices taken since the gateway was last left. */
  done: Record<string, string[]>;
  ctx: FlowContext;
  kb: Kb;
}

export interface StepResult {
  state: EngineState;
  reply: FlowReply;
  /** Set when this step entered an END activity: the kb to hand to the save hook (MCC's `on_save`). */
  savedKb?: Kb;
}

export type FlowErrorCode =
  | "xor_without_choice"
  | "invalid_choice"
  | "empty_stack"
  | "unknown_activity"
  | "missing_callback"
  | "callback_failed"
  | "bad_callback_result";

/** An input the engine could not apply; the state it was given is left untouched. */
export class FlowEngineError extends Error {
  constructor(
    readonly code: FlowErrorCode,
    readonly activity: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`activity "${activity}": ${message}`, options);
    this.name = "FlowEngineError";
  }
}
