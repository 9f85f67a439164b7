/**
 * @module flows/store/memory
 * In-memory FlowStateStore (tests, `--flow-store memory`). Values are copied in and out so callers
 * can never share mutable state with the store.
 */
import type { Kb } from "../definition/types.js";
import type { FlowStateStore, InteractionRecord } from "./types.js";

export class MemoryFlowStateStore implements FlowStateStore {
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly kbs = new Map<string, Kb>();

  private static key(uid: string, interaction: string): string {
    return JSON.stringify([uid, interaction]);
  }

  getInteraction(uid: string, interaction: string): Promise<InteractionRecord | null> {
    const r = this.interactions.get(MemoryFlowStateStore.key(uid, interaction));
    return Promise.resolve(r ? structuredClone(r) : null);
  }

  commit(record: InteractionRecord, userKb?: Kb): Promise<void> {
    this.interactions.set(MemoryFlowStateStore.key(record.uid, record.interaction), structuredClone(record));
    if (userKb) this.kbs.set(record.uid, structuredClone(userKb));
    return Promise.resolve();
  }

  getUserKb(uid: string): Promise<Kb | null> {
    const kb = this.kbs.get(uid);
    return Promise.resolve(kb ? structuredClone(kb) : null);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
