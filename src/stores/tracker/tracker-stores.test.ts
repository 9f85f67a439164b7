import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Event } from "../../model/index.js";
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

describe("SqliteTrackerStore shares one commit between concurrent turns", () => {
  const turn = (n: number): Event[] => [
    { event: "action", name: "action_listen", policy: null, confidence: null, timestamp: n },
    { event: "bot", text: `reply ${n}`, data: {}, metadata: {}, timestamp: n },
  ];

  it("stores every conversation's turn, and reads and deletes in the order they were called", async () => {
    const store = new SqliteTrackerStore(":memory:");
    const appended = [1, 2, 3].map((n) => store.append(`user-${n}`, turn(n)));
    // Not awaited yet: a read in the same tick still sees the appends before it.
    expect(await store.retrieve("user-2")).toEqual(turn(2));
    void store.append("user-1", turn(4));
    expect(await store.delete("user-1")).toBe(true);
    await Promise.all(appended);
    expect(await store.retrieve("user-1")).toBeNull();
    expect(await store.retrieve("user-3")).toEqual(turn(3));
    await store.close();
  });

  it("keeps concurrent turns in one commit when a turn reads another conversation, and makes them durable", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-sqlite-"));
    const file = path.join(dir, "tracker.db");
    const store = new SqliteTrackerStore(file);
    const rowsSeenElsewhere = () => {
      const other = new Database(file, { readonly: true });
      const n = (other.prepare("SELECT COUNT(*) AS n FROM events").get() as { n: number }).n;
      other.close();
      return n;
    };
    const first = store.append("user-1", turn(1));
    // The next turn loads its own conversation before appending: that must not commit user-1's rows on their own.
    expect(await store.retrieveLatestSession("user-2")).toBeNull();
    const second = store.append("user-2", turn(2));
    expect(rowsSeenElsewhere()).toBe(0);
    await Promise.all([first, second]);
    // Resolved means committed: another connection (or a restarted process) sees both turns.
    expect(rowsSeenElsewhere()).toBe(4);
    await store.close();
  });

  it("loses no other conversation's turn when one append fails", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-sqlite-"));
    const file = path.join(dir, "tracker.db");
    const store = new SqliteTrackerStore(file);
    // A database-level refusal (here a trigger) of one conversation's rows rolls back the shared transaction.
    const admin = new Database(file);
    admin.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.sender_id = 'refused' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    admin.close();
    const results = await Promise.allSettled([
      store.append("ok-1", turn(1)),
      store.append("refused", turn(2)),
      store.append("ok-2", turn(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await store.retrieve("ok-1")).toEqual(turn(1));
    expect(await store.retrieve("ok-2")).toEqual(turn(3));
    expect(await store.retrieve("refused")).toBeNull();
    await store.close();
  });

  it("commits what is pending when closed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-sqlite-"));
    const file = path.join(dir, "tracker.db");
    const store = new SqliteTrackerStore(file);
    const appended = store.append("u1", turn(1));
    await store.close();
    await appended;
    const reopened = new SqliteTrackerStore(file);
    expect(await reopened.retrieve("u1")).toEqual(turn(1));
    await reopened.close();
  });
});
