/**
 * @module core/tracker-cache
 * Trackers of recently loaded conversations, for stores whose `retrieve` hands back the very event objects it keeps
 * (`TrackerStore.sharesEvents`, the in-memory store). When the next load of a conversation starts with exactly those
 * objects, only the events added since are folded in, so loading costs O(new events) instead of a replay of the
 * session. Anything else (a replaced or deleted conversation, another store) is simply rebuilt from its events.
 */
import { appendEvents, createTracker } from "../model/index.js";
import type { Event, Tracker } from "../model/index.js";

/** Whether `events` begins with the same objects, in the same order, as `prefix`. */
function startsWith(events: readonly Event[], prefix: readonly Event[]): boolean {
  if (prefix.length > events.length) return false;
  for (let i = 0; i < prefix.length; i++) if (events[i] !== prefix[i]) return false;
  return true;
}

export class TrackerCache {
  /** Least recently used first (a Map keeps insertion order). */
  private readonly trackers = new Map<string, Tracker>();

  constructor(
    private readonly initialSlots: Readonly<Record<string, unknown>>,
    private readonly capacity = 10_000,
  ) {}

  /** The tracker of `events`: the cached one advanced by what was added since, or a fresh fold. */
  trackerFor(senderId: string, events: readonly Event[]): Tracker {
    const known = this.trackers.get(senderId);
    const tracker =
      known && startsWith(events, known.events)
        ? appendEvents(known, events.slice(known.events.length))
        : createTracker(senderId, this.initialSlots, events);
    this.trackers.delete(senderId);
    this.trackers.set(senderId, tracker);
    if (this.trackers.size > this.capacity) this.trackers.delete(this.trackers.keys().next().value!);
    return tracker;
  }
}
