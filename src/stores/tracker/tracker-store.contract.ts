/**
 * A contract suite every TrackerStore adapter must pass (hono's `common.case.test.ts` pattern).
 */
import { describe, expect, it } from "vitest";
import type { Event, UserUttered } from "../../model/index.js";
import type { TrackerStore } from "../../ports/index.js";

const listen = (t: number): Event => ({
  event: "action",
  timestamp: t,
  name: "action_listen",
  policy: null,
  confidence: null,
});
const user = (t: number, text: string): UserUttered => ({
  event: "user",
  timestamp: t,
  metadata: {},
  text,
  parse_data: { text, intent: { name: "greet", confidence: 1 }, entities: [] },
  input_channel: "rest",
  message_id: null,
});

export function runTrackerStoreContract(name: string, create: () => TrackerStore): void {
  describe(`${name} (TrackerStore contract)`, () => {
    it("returns null for an unknown conversation", async () => {
      const store = create();
      expect(await store.retrieve("nobody")).toBeNull();
      await store.close();
    });

    it("keeps events in insertion order across appends, per conversation", async () => {
      const store = create();
      await store.append("a", [listen(1), user(2, "hi")]);
      await store.append("b", [listen(5)]);
      await store.append("a", [listen(3)]);
      expect(await store.retrieve("a")).toEqual([listen(1), user(2, "hi"), listen(3)]);
      expect(await store.retrieve("b")).toEqual([listen(5)]);
      expect(await store.keys()).toEqual(["a", "b"]);
      await store.close();
    });

    it("replaces and deletes a conversation", async () => {
      const store = create();
      await store.append("a", [listen(1), user(2, "hi")]);
      await store.replace("a", [user(9, "new")]);
      expect(await store.retrieve("a")).toEqual([user(9, "new")]);
      expect(await store.delete("a")).toBe(true);
      expect(await store.delete("a")).toBe(false);
      expect(await store.retrieve("a")).toBeNull();
      await store.close();
    });

    it("stores what was given, not the caller's objects: later changes to them are not saved", async () => {
      const store = create();
      // A store sharing its log keeps the events themselves: events are values nobody changes once appended.
      if (store.sharedLog) return void (await store.close());
      const greeting = user(2, "hi");
      await store.append("a", [greeting]);
      greeting.parse_data.entities.push({ entity: "late", value: "x" });
      const replaced = [user(3, "again")];
      await store.replace("b", replaced);
      replaced[0]!.parse_data.intent = { name: "changed", confidence: 0 };
      expect(await store.retrieve("a")).toEqual([user(2, "hi")]);
      expect(await store.retrieve("b")).toEqual([user(3, "again")]);
      await store.close();
    });

    it("reads the latest session alone when it can (from the last session_started on)", async () => {
      const store = create();
      if (!store.retrieveLatestSession) return void (await store.close());
      const started = (t: number): Event => ({ event: "session_started", timestamp: t });
      await store.append("a", [listen(1), user(2, "old")]);
      expect(await store.retrieveLatestSession("a")).toEqual([listen(1), user(2, "old")]);
      await store.append("a", [started(3), listen(4), user(5, "mid"), started(6)]);
      await store.append("a", [listen(7), user(8, "new")]);
      expect(await store.retrieveLatestSession("a")).toEqual([started(6), listen(7), user(8, "new")]);
      expect(await store.retrieveLatestSession("nobody")).toBeNull();
      await store.close();
    });

    it("only ever appends to a log it shares, and starts a new one on replace or delete", async () => {
      const store = create();
      if (!store.sharedLog) return void (await store.close());
      expect(store.sharedLog("a")).toBeNull();
      await store.append("a", [listen(1)]);
      const log = store.sharedLog("a");
      await store.append("a", [user(2, "hi")]);
      expect(store.sharedLog("a")).toBe(log);
      expect(log).toEqual([listen(1), user(2, "hi")]);
      await store.replace("a", [listen(3)]);
      expect(store.sharedLog("a")).not.toBe(log);
      expect(log).toEqual([listen(1), user(2, "hi")]);
      await store.delete("a");
      expect(store.sharedLog("a")).toBeNull();
      await store.close();
    });

    it("keeps ids containing slashes and unicode apart", async () => {
      const store = create();
      await store.append("room/1", [listen(1)]);
      await store.append("room/1/ü", [listen(2)]);
      expect(await store.retrieve("room/1")).toEqual([listen(1)]);
      expect(await store.retrieve("room/1/ü")).toEqual([listen(2)]);
      await store.close();
    });
  });
}
