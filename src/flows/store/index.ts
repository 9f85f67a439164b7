export type { FlowStateStore, InteractionRecord } from "./types.js";
export { MemoryFlowStateStore } from "./memory.js";
export { SqliteFlowStateStore } from "./sqlite.js";
