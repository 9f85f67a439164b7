/**
 * @module flows/store/types
 * Persistence port for process flows: one record per (uid, interaction) and one KB per uid.
 * MCC kept both in process memory and one global KB file; here they survive restarts and stay per user.
 */
import type { Kb } from "../definition/types.js";
import type { EngineState, FlowReply } from "../engine/types.js";

export interface InteractionRecord {
  uid: string;
  interaction: string;
  state: EngineState;
  /** The last reply sent, for resume snapshots. */
  lastReply: FlowReply | null;
  updatedAt: number;
}

export interface FlowStateStore {
  getInteraction(uid: string, interaction: string): Promise<InteractionRecord | null>;
  /** Stores the interaction and, when given, the user's KB in one atomic write. */
  commit(record: InteractionRecord, userKb?: Kb): Promise<void>;
  getUserKb(uid: string): Promise<Kb | null>;
  close(): Promise<void>;
}
