/**
 * A turn that waits for its store's commit (SQLite commits the turns of one event-loop iteration together) must not
 * keep the conversation it loaded: 30-odd trackers held that way were promoted by the scavenger and sent the server
 * into a slow mode with 1.6× the RSS.
 */
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { createAgent } from "../agent/agent.js";
import { CollectingOutputChannel } from "../channels/collecting-output.js";
import { loadProject } from "../config/index.js";
import type { Event } from "../model/index.js";
import { silentLogger, type TrackerStore } from "../ports/index.js";
import { MemoryTrackerStore } from "../stores/tracker/memory-tracker-store.js";
import { trainModel } from "../training/train.js";

const MOODBOT = path.resolve(process.cwd(), "examples/moodbot");
const { model } = trainModel(loadProject(MOODBOT, {}), { seed: 42 });

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** A store that hands out copies (as a database does) and commits an append only when told to. */
class SlowCommitStore implements TrackerStore {
  private readonly kept = new MemoryTrackerStore();
  private onAppend: () => void = () => {};
  readonly appended = new Promise<void>((resolve) => (this.onAppend = resolve));
  commit: () => void = () => {};
  /** The events the last load handed out, weakly held. */
  loaded: WeakRef<Event>[] = [];

  async retrieve(senderId: string): Promise<Event[] | null> {
    const events = await this.kept.retrieve(senderId);
    return events && (JSON.parse(JSON.stringify(events)) as Event[]);
  }

  async retrieveLatestSession(senderId: string): Promise<Event[] | null> {
    const events = await this.retrieve(senderId);
    this.loaded = (events ?? []).map((e) => new WeakRef(e));
    return events;
  }

  append(senderId: string, events: readonly Event[]): Promise<void> {
    const stored = this.kept.append(senderId, events);
    return new Promise((resolve) => {
      this.commit = () => void stored.then(resolve);
      this.onAppend();
    });
  }

  replace(senderId: string, events: readonly Event[]): Promise<void> {
    return this.kept.replace(senderId, events);
  }

  keys(): Promise<string[]> {
    return this.kept.keys();
  }

  delete(senderId: string): Promise<boolean> {
    return this.kept.delete(senderId);
  }

  close(): Promise<void> {
    return this.kept.close();
  }
}

const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

describe("a turn waiting for its commit", () => {
  it("has let go of the conversation it loaded", async () => {
    const store = new MemoryTrackerStore();
    const agent = createAgent({ model, projectRoot: MOODBOT, logger: silentLogger, trackerStore: store });
    await agent.processor.handleMessage(
      { text: "hello", senderId: "u", inputChannel: "rest" },
      new CollectingOutputChannel(),
    );

    const slow = new SlowCommitStore();
    await slow.replace("u", (await store.retrieve("u"))!);
    const waiting = createAgent({ model, projectRoot: MOODBOT, logger: silentLogger, trackerStore: slow });
    const turn = waiting.processor.handleMessage(
      { text: "I am feeling great", senderId: "u", inputChannel: "rest" },
      new CollectingOutputChannel(),
    );
    await slow.appended;
    await nextMacrotask();
    gc();
    expect(slow.loaded.length).toBeGreaterThan(3);
    expect(slow.loaded.filter((ref) => ref.deref() !== undefined)).toEqual([]);
    slow.commit();
    await turn;
    expect((await slow.retrieve("u"))!.filter((e) => e.event === "user").map((e) => e.text)).toEqual([
      "hello",
      "I am feeling great",
    ]);
  });
});
