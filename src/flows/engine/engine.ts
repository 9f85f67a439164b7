/**
 * @module flows/engine/engine
 * MCC's `Framework.handle_data_input` as a pure step function over a serialisable EngineState.
 * Every step works on a copy, so an error (MCC would crash the handler) leaves the caller's state as it was.
 */
import type { Activity, Kb, ProcessDefinition } from "../definition/types.js";
import type { EngineState, FlowCallbacks, FlowContext, FlowData, FlowResponse, StepResult } from "./types.js";
import { CTX_COMPLETED, FlowEngineError } from "./types.js";
import { addUtterance } from "./utterance.js";

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export class FlowEngine {
  constructor(
    readonly process: ProcessDefinition,
    private readonly callbacks: FlowCallbacks,
  ) {}

  /** A fresh interaction: MCC starts the context with an empty completed list. */
  initialState(kb: Kb, ctx: FlowContext = {}): EngineState {
    const context = structuredClone(ctx);
    if (!Array.isArray(context[CTX_COMPLETED])) context[CTX_COMPLETED] = [];
    return { current: this.process.firstActivityId, stack: [], done: {}, ctx: context, kb: structuredClone(kb) };
  }

  activity(id: string): Activity {
    const a = this.process.activities.get(id);
    if (!a) throw new FlowEngineError("unknown_activity", id, "no such activity in the process");
    return a;
  }

  async step(previous: EngineState, data: FlowData): Promise<StepResult> {
    const state = structuredClone(previous);
    const cur = this.activity(state.current);
    if (cur.type === "END") {
      return { state: previous, reply: { utterance: addUtterance("", state.kb, cur.id), payload: {} } };
    }
    const response = await this.call(cur, data, state);
    let utterance = response.utterance;
    const enter = (id: string): Activity => {
      const next = this.process.activities.get(id);
      if (!next) throw new FlowEngineError("unknown_activity", cur.id, `moves to unknown activity "${id}"`);
      state.current = next.id;
      utterance = addUtterance(utterance, state.kb, next.id);
      return next;
    };
    let entered: Activity | undefined;
    if (response.complete) {
      if (cur.type === "XOR") {
        const choice = this.checkedChoice(cur, response.choice);
        if (choice === null) {
          throw new FlowEngineError("xor_without_choice", cur.id, "an XOR gateway must complete with a choice");
        }
        state.stack.push(cur.next);
        entered = enter(choice);
      } else if (cur.type === "OR" || cur.type === "PARALLEL") {
        const choice = this.checkedChoice(cur, response.choice);
        const completed = state.ctx[CTX_COMPLETED] as string[];
        if (choice === null) {
          delete state.done[cur.id];
          state.ctx[CTX_COMPLETED] = completed.filter((g) => g !== cur.id);
          entered = enter(this.nextId(cur, state));
        } else {
          state.stack.push(cur.id);
          const taken = (state.done[cur.id] ??= []);
          if (!taken.includes(choice)) taken.push(choice);
          const satisfied = cur.type === "OR" || cur.choices.every((c) => taken.includes(c));
          const others = completed.filter((g) => g !== cur.id);
          state.ctx[CTX_COMPLETED] = satisfied
            ? completed.includes(cur.id)
              ? completed
              : [...others, cur.id]
            : others;
          entered = enter(choice);
        }
      } else {
        entered = enter(this.nextId(cur, state));
      }
    }
    const result: StepResult = { state, reply: { utterance, payload: response.payload } };
    if (entered?.type === "END") result.savedKb = structuredClone(state.kb);
    return result;
  }

  /** Runs the callback and normalises its result; any failure becomes a FlowEngineError. */
  private async call(cur: Activity, data: FlowData, state: EngineState) {
    const cb = this.callbacks[cur.id];
    if (typeof cb !== "function") throw new FlowEngineError("missing_callback", cur.id, "no callback registered");
    let raw: FlowResponse;
    try {
      raw = await cb(structuredClone(data), state.kb, state.ctx);
    } catch (err) {
      throw new FlowEngineError(
        "callback_failed",
        cur.id,
        `callback threw: ${(err as Error)?.message ?? String(err)}`,
        {
          cause: err,
        },
      );
    }
    if (!isPlainObject(raw) || typeof raw.complete !== "boolean") {
      throw new FlowEngineError(
        "bad_callback_result",
        cur.id,
        "callback must return an object with a boolean `complete`",
      );
    }
    if (raw.utterance !== undefined && typeof raw.utterance !== "string") {
      throw new FlowEngineError("bad_callback_result", cur.id, "`utterance` must be a string");
    }
    if (raw.payload !== undefined && !isPlainObject(raw.payload)) {
      throw new FlowEngineError("bad_callback_result", cur.id, "`payload` must be an object");
    }
    // MCC replaces kb and context with the ones in the response.
    if (raw.kb !== undefined) {
      if (!isPlainObject(raw.kb)) throw new FlowEngineError("bad_callback_result", cur.id, "`kb` must be an object");
      state.kb = raw.kb;
    }
    if (raw.ctx !== undefined) {
      if (!isPlainObject(raw.ctx)) throw new FlowEngineError("bad_callback_result", cur.id, "`ctx` must be an object");
      state.ctx = raw.ctx;
    }
    if (!Array.isArray(state.ctx[CTX_COMPLETED])) state.ctx[CTX_COMPLETED] = [];
    return { complete: raw.complete, utterance: raw.utterance ?? "", payload: raw.payload ?? {}, choice: raw.choice };
  }

  /** `null` for "no choice"; an id that is not one of the gateway's choices is an error (MCC would crash or jump). */
  private checkedChoice(cur: Activity, choice: unknown): string | null {
    if (choice === null || choice === undefined) return null;
    if (typeof choice !== "string" || !cur.choices.includes(choice)) {
      if (cur.type === "XOR" && choice === "") return null;
      throw new FlowEngineError(
        "invalid_choice",
        cur.id,
        `choice ${JSON.stringify(choice)} is not one of ${cur.choices.map((c) => `"${c}"`).join(", ")}`,
      );
    }
    return choice;
  }

  /** MCC's `_go_next`: follow next_id, or pop the stack (skipping nulls) to return to the enclosing gateway. */
  private nextId(cur: Activity, state: EngineState): string {
    if (cur.next !== null) return cur.next;
    while (state.stack.length > 0) {
      const top = state.stack.pop();
      if (top !== null && top !== undefined) return top;
    }
    throw new FlowEngineError(
      "empty_stack",
      cur.id,
      "next_id is null but there is no enclosing gateway to return to (the stack is empty)",
    );
  }
}
