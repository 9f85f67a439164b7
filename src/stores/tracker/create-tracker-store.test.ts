import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Logger } from "../../ports/index.js";
import { createTrackerStore } from "./create-tracker-store.js";
import { MemoryTrackerStore } from "./memory-tracker-store.js";
import { LazyTrackerStore } from "./lazy-tracker-store.js";
import { SqliteTrackerStore } from "./sqlite-tracker-store.js";

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const none = () => undefined;
  return { warnings, debug: none, info: none, error: none, warn: (_o, msg) => warnings.push(msg ?? "") };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "confab-store-"));

describe("createTrackerStore (endpoints.yml tracker_store)", () => {
  it("defaults to SQLite at .confab/tracker.db in the project", async () => {
    const root = tmp();
    const store = createTrackerStore(undefined, root, recordingLogger());
    expect(store).toBeInstanceOf(SqliteTrackerStore);
    expect(fs.existsSync(path.join(root, ".confab/tracker.db"))).toBe(true);
    await store.close();
  });

  it("reads Rasa's SQL keys with the db path relative to the project", async () => {
    const root = tmp();
    const store = createTrackerStore(
      { type: "SQL", dialect: "sqlite", db: "data/conversations.db" },
      root,
      recordingLogger(),
    );
    expect(fs.existsSync(path.join(root, "data/conversations.db"))).toBe(true);
    await store.close();
  });

  it("builds memory, PostgreSQL and Redis stores from their Rasa configs", async () => {
    const logger = recordingLogger();
    const stores = [
      createTrackerStore({ type: "memory" }, tmp(), logger),
      createTrackerStore({ type: "sql", dialect: "postgresql", url: "127.0.0.1", db: "test" }, tmp(), logger),
      createTrackerStore({ type: "redis", url: "127.0.0.1", port: 6379, key_prefix: "x:" }, tmp(), logger),
    ];
    expect(stores[0]).toBeInstanceOf(MemoryTrackerStore);
    // The database drivers are loaded on first use (service-tracker-stores.test.ts uses them for real); closing a
    // store that was never used must not connect to anything.
    expect(stores[1]).toBeInstanceOf(LazyTrackerStore);
    expect(stores[2]).toBeInstanceOf(LazyTrackerStore);
    expect(logger.warnings).toEqual([]);
    for (const s of stores) await s.close();
  });

  it("warns and falls back to SQLite for a store type it does not support", async () => {
    const logger = recordingLogger();
    const store = createTrackerStore({ type: "mongod" }, tmp(), logger);
    expect(store).toBeInstanceOf(SqliteTrackerStore);
    expect(logger.warnings[0]).toMatch(/mongod.*not supported/);
    await store.close();
  });
});
