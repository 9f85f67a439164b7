/**
 * @module rooms/keyed-queue
 * One promise chain per key: work for the same room runs strictly in order, rooms run in parallel.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves when everything queued so far for `key` (or all keys) has finished. */
  async idle(key?: string): Promise<void> {
    if (key !== undefined) return this.tails.get(key);
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
