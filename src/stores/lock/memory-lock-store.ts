/**
 * @module stores/lock/memory-lock-store
 * In-process per-conversation lock: a promise chain per id, so work runs in arrival order.
 * Like Rasa's InMemoryLockStore it only serialises within one process.
 */
import type { LockStore } from "../../ports/index.js";

export class MemoryLockStore implements LockStore {
  private readonly tails = new Map<string, Promise<unknown>>();

  async withLock<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const run = previous.then(work, work);
    // The chain continues whether this turn succeeds or fails; a failure must not block the next message.
    const tail = run.catch(() => undefined);
    this.tails.set(conversationId, tail);
    try {
      return await run;
    } finally {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    }
  }
}
