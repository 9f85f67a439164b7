/**
 * @module flows/runtime/runtime
 * One served process: engine + NLU + store. Interactions are keyed by (uid, interaction id); every
 * input runs under a per-interaction lock, and the new state is persisted before the reply is returned.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Kb, ProcessDefinition } from "../definition/types.js";
import { FlowEngine } from "../engine/engine.js";
import type { EngineState, FlowCallbacks, FlowData, FlowReply } from "../engine/types.js";
import { FlowEngineError } from "../engine/types.js";
import type { FlowNluAdapter } from "../nlu/types.js";
import { FlowNluError } from "../nlu/types.js";
import type { FlowStateStore, InteractionRecord } from "../store/types.js";
import { silentLogger } from "../../ports/logger.js";
import type { Logger } from "../../ports/logger.js";
import { FlowRuntimeError } from "./errors.js";
import type { FlowInput } from "./input.js";

export interface FlowRuntimeOptions {
  process: ProcessDefinition;
  /** The project's KB: the starting KB of every user who has none saved yet. */
  kb: Kb;
  callbacks: FlowCallbacks;
  nlu: FlowNluAdapter;
  store: FlowStateStore;
  logger?: Logger;
  /** Whether a WebSocket resume pushes the last reply unasked ("always") or only with `?snapshot=1`. */
  resumeSnapshot?: "always" | "on-request";
  /** Extra routes data (e.g. a web page folder), opaque to the runtime. */
  webDir?: string;
}

/** 18 random bytes → 24 URL-safe characters: unguessable, and safe in a query string unescaped. */
export function newInteractionId(): string {
  return randomBytes(18).toString("base64url");
}

/** Python's str.rstrip(): MCC strips trailing whitespace before NLU. */
function rstrip(text: string): string {
  return text.replace(/\s+$/u, "");
}

export class FlowRuntime {
  readonly engine: FlowEngine;
  readonly logger: Logger;
  readonly resumeSnapshot: "always" | "on-request";
  readonly webDir: string | undefined;
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly options: FlowRuntimeOptions) {
    this.engine = new FlowEngine(options.process, options.callbacks);
    this.logger = options.logger ?? silentLogger;
    this.resumeSnapshot = options.resumeSnapshot ?? "on-request";
    this.webDir = options.webDir;
  }

  get store(): FlowStateStore {
    return this.options.store;
  }

  newUid(): string {
    return randomUUID();
  }

  /** Starts an interaction and returns its id and the welcome (the engine's reply to the empty text). */
  async start(uid: string): Promise<{ interaction: string; reply: FlowReply }> {
    const kb = (await this.options.store.getUserKb(uid)) ?? this.options.kb;
    const interaction = newInteractionId();
    const fresh = this.engine.initialState(kb);
    const reply = await this.apply(uid, interaction, fresh, { type: "utterance", utterance: "" });
    return { interaction, reply };
  }

  async exists(uid: string, interaction: string): Promise<boolean> {
    return (await this.options.store.getInteraction(uid, interaction)) !== null;
  }

  /** The last reply of an interaction (for resume); throws unknown_interaction. */
  async snapshot(uid: string, interaction: string): Promise<FlowReply> {
    const record = await this.load(uid, interaction);
    return record.lastReply ?? { utterance: "", payload: {} };
  }

  async state(uid: string, interaction: string): Promise<EngineState> {
    return (await this.load(uid, interaction)).state;
  }

  async handle(uid: string, interaction: string, input: FlowInput): Promise<FlowReply> {
    return this.locked(`${uid}\u0000${interaction}`, async () => {
      const record = await this.load(uid, interaction);
      return this.apply(uid, interaction, record.state, input);
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.locks.values()]);
    await this.options.store.close();
  }

  private async load(uid: string, interaction: string): Promise<InteractionRecord> {
    const record = await this.options.store.getInteraction(uid, interaction);
    if (!record) throw new FlowRuntimeError("unknown_interaction", `no interaction "${interaction}" for this uid`);
    return record;
  }

  private async toData(input: FlowInput): Promise<FlowData> {
    if (input.type === "data") return input.payload;
    try {
      return await this.options.nlu.parse(rstrip(input.utterance));
    } catch (err) {
      const message = err instanceof FlowNluError ? err.message : `NLU failed: ${(err as Error).message}`;
      throw new FlowRuntimeError("nlu_failed", message, { cause: err });
    }
  }

  private async apply(uid: string, interaction: string, state: EngineState, input: FlowInput): Promise<FlowReply> {
    const data = await this.toData(input);
    let result;
    try {
      result = await this.engine.step(state, data);
    } catch (err) {
      if (err instanceof FlowEngineError) {
        this.logger.warn({ uid, interaction, code: err.code, err: err.cause ?? err }, err.message);
        throw new FlowRuntimeError(err.code, err.message, { cause: err });
      }
      throw err;
    }
    const record: InteractionRecord = {
      uid,
      interaction,
      state: result.state,
      lastReply: result.reply,
      updatedAt: Date.now() / 1000,
    };
    // MCC's on_save at END: the KB becomes this user's KB for their next interactions.
    await this.options.store.commit(record, result.savedKb);
    return result.reply;
  }

  private async locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.locks.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }
}
