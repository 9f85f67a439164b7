/**
 * Sessions across time, with the moodbot (60-minute sessions, slots carried over): a message after the expiry
 * starts a new session, the turn reads only the latest session (as Rasa's tracker stores return it), and the
 * stored conversation keeps every session.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createAgent } from "../agent/agent.js";
import { CollectingOutputChannel } from "../channels/collecting-output.js";
import { loadProject } from "../config/index.js";
import { silentLogger } from "../ports/index.js";
import { MemoryTrackerStore } from "../stores/tracker/memory-tracker-store.js";
import { SqliteTrackerStore } from "../stores/tracker/sqlite-tracker-store.js";
import { trainModel } from "../training/train.js";

const MOODBOT = path.resolve(process.cwd(), "examples/moodbot");
const { model } = trainModel(loadProject(MOODBOT, {}), { seed: 42 });

for (const [name, store] of [
  ["memory", () => new MemoryTrackerStore()],
  ["SQLite", () => new SqliteTrackerStore(":memory:")],
] as const) {
  describe(`sessions (${name} store)`, () => {
    it("a message after 60 quiet minutes starts a new session; the turn reads that session only", async () => {
      let clock = 1_000_000;
      const trackerStore = store();
      const agent = createAgent({ model, projectRoot: MOODBOT, logger: silentLogger, trackerStore, now: () => clock });
      const say = async (text: string) => {
        const out = new CollectingOutputChannel();
        const tracker = await agent.processor.handleMessageWithTracker(
          { text, senderId: "u", inputChannel: "rest" },
          out,
        );
        return { tracker, replies: out.messages.map((m) => m.text) };
      };
      const sessionStarts = (events: readonly { event: string }[]) =>
        events.filter((e) => e.event === "session_started").length;

      await say("hello");
      clock += 10 * 60;
      await say("I am sad");
      expect(sessionStarts((await agent.processor.fetchTracker("u")).events)).toBe(1);

      clock += 61 * 60;
      const expired = await say("hello");
      expect(expired.replies.length).toBeGreaterThan(0);
      // The turn loaded the session it found, then started a new one.
      expect(sessionStarts(expired.tracker.events)).toBe(2);
      clock += 60;
      const next = await say("I am great");
      // The next turn reads the new session only...
      expect(next.tracker.events[0]?.event).toBe("session_started");
      expect(sessionStarts(next.tracker.events)).toBe(1);
      expect(next.tracker.events.filter((e) => e.event === "user").map((e) => e.text)).toEqual(["hello", "I am great"]);
      expect(next.replies.length).toBeGreaterThan(0);
      // ...and the stored conversation (what the HTTP API shows) still has both sessions.
      const all = (await agent.processor.fetchTracker("u")).events;
      expect(sessionStarts(all)).toBe(2);
      expect(all.filter((e) => e.event === "user").map((e) => e.text)).toEqual([
        "hello",
        "I am sad",
        "hello",
        "I am great",
      ]);
      await agent.close();
    });
  });
}
