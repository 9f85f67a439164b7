/**
 * @module core/tracker-cache
 * Trackers of recently used conversations, for a store that shares its event logs (`TrackerStore.sharedLog`, the
 * in-memory store). A cached tracker stands for the first n events of one log. While the store still holds that log,
 * loading the conversation folds in only the events appended since, and a turn that saved its events leaves its own
 * tracker for the next one: a turn costs what it adds, not the conversation's length. Anything else (a replaced or
 * deleted conversation, a new session appended by someone else) is rebuilt from the log's latest session.
 */
import { appendEvents, createTracker, latestSessionEvents } from "../model/index.js";
import type { Event, Tracker } from "../model/index.js";

interface Entry {
  tracker: Tracker;
  log: readonly Event[];
  /** How many of the log's events the tracker has seen (its own events are the latest session of those). */
  seen: number;
}

export class TrackerCache {
  /** Least recently used first (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialSlots: Readonly<Record<string, unknown>>,
    private readonly capacity = 10_000,
  ) {}

  /** The tracker of the latest session of `log` (the store's shared log, empty for a new conversation). */
  trackerFor(senderId: string, log: readonly Event[]): Tracker {
    const known = this.entries.get(senderId);
    const added = known && known.log === log && log.length >= known.seen ? log.slice(known.seen) : null;
    const tracker =
      known && added && !added.some((e) => e.event === "session_started")
        ? appendEvents(known.tracker, added)
        : createTracker(senderId, this.initialSlots, latestSessionEvents(log));
    this.remember(senderId, tracker, log);
    return tracker;
  }

  /** `tracker` now stands for `log` as it is (a turn saved what it added). */
  remember(senderId: string, tracker: Tracker, log: readonly Event[]): void {
    this.entries.delete(senderId);
    this.entries.set(senderId, { tracker, log, seen: log.length });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(senderId: string): void {
    this.entries.delete(senderId);
  }
}
