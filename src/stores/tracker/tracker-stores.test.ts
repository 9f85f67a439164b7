import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryTrackerStore } from "./memory-tracker-store.js";
import { SqliteTrackerStore } from "./sqlite-tracker-store.js";
import { runTrackerStoreContract } from "./tracker-store.contract.js";

runTrackerStoreContract("MemoryTrackerStore", () => new MemoryTrackerStore());
runTrackerStoreContract("SqliteTrackerStore", () => new SqliteTrackerStore(":memory:"));

describe("SqliteTrackerStore on disk", () => {
  it("survives reopening the database file (a server restart)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-sqlite-"));
    const file = path.join(dir, "nested", "tracker.db");
    const first = new SqliteTrackerStore(file);
    await first.append("u1", [{ event: "session_started", timestamp: 1 }]);
    await first.close();
    const second = new SqliteTrackerStore(file);
    expect(await second.retrieve("u1")).toEqual([{ event: "session_started", timestamp: 1 }]);
    await second.close();
  });
});
