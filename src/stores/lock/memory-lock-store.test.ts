import { describe, expect, it } from "vitest";
import { MemoryLockStore } from "./memory-lock-store.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("MemoryLockStore", () => {
  it("runs work for one conversation in arrival order, never overlapping", async () => {
    const lock = new MemoryLockStore();
    const log: string[] = [];
    const job = (id: string, ms: number) =>
      lock.withLock("c", async () => {
        log.push(`start ${id}`);
        await sleep(ms);
        log.push(`end ${id}`);
      });
    await Promise.all([job("1", 20), job("2", 1), job("3", 5)]);
    expect(log).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
  });

  it("lets different conversations run concurrently and survives a failing turn", async () => {
    const lock = new MemoryLockStore();
    const log: string[] = [];
    const slow = lock.withLock("a", async () => {
      await sleep(20);
      log.push("a");
    });
    const fast = lock.withLock("b", () => {
      log.push("b");
      return Promise.resolve();
    });
    const failing = lock.withLock("a", () => Promise.reject(new Error("boom")));
    await expect(failing).rejects.toThrow("boom");
    await Promise.all([slow, fast]);
    expect(log).toEqual(["b", "a"]);
    await expect(lock.withLock("a", () => Promise.resolve(42))).resolves.toBe(42);
  });
});
