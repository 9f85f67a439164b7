/**
 * @module ports/lock-store
 * Serialises work per conversation (Rasa's ticket lock, `rasa-protocol.md` §9.2):
 * turns for one conversation run one after the other, in arrival order.
 */
export interface LockStore {
  withLock<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
}
