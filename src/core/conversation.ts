/**
 * @module core/conversation
 * A tracker being worked on during one turn: it accumulates new events and remembers how many
 * were already stored, so the turn saves exactly what it added.
 */
import { appendEvents, createTracker, latestSessionEvents } from "../model/index.js";
import type { Domain, Event, Tracker } from "../model/index.js";
import { initialSlotValues } from "../model/index.js";
import type { TrackerStore } from "../ports/index.js";
import type { TrackerCache } from "./tracker-cache.js";

/** A tracker handed out by the tracker cache: the cache and the store's log as they were at load. */
interface CachedLoad {
  cache: TrackerCache;
  log: readonly Event[];
  length: number;
}

export class Conversation {
  private constructor(
    private current: Tracker,
    private readonly storedCount: number,
    private readonly cached: CachedLoad | null = null,
  ) {}

  /**
   * `latest-session` loads what a turn needs, as Rasa does: earlier sessions no longer count, and a long-lived
   * conversation then costs no more per message than its current session.
   */
  static async load(
    store: TrackerStore,
    senderId: string,
    domain: Domain,
    scope: "all" | "latest-session" = "all",
    cache: TrackerCache | null = null,
  ): Promise<Conversation> {
    if (cache && store.sharedLog && scope === "latest-session") {
      const log = store.sharedLog(senderId) ?? [];
      const tracker = cache.trackerFor(senderId, log);
      return new Conversation(tracker, tracker.events.length, { cache, log, length: log.length });
    }
    const events =
      scope === "all"
        ? ((await store.retrieve(senderId)) ?? [])
        : store.retrieveLatestSession
          ? ((await store.retrieveLatestSession(senderId)) ?? [])
          : latestSessionEvents((await store.retrieve(senderId)) ?? []);
    return new Conversation(createTracker(senderId, initialSlotValues(domain), events), events.length);
  }

  get tracker(): Tracker {
    return this.current;
  }

  get isNew(): boolean {
    return this.storedCount === 0 && this.current.events.length === 0;
  }

  add(...events: Event[]): void {
    this.current = appendEvents(this.current, events);
  }

  newEvents(): Event[] {
    return this.current.events.slice(this.storedCount);
  }

  /**
   * Hands the new events to the store. Not an async function on purpose: its pending frame would hold this
   * conversation (the whole tracker) until a store that commits later (SQLite) is done.
   */
  save(store: TrackerStore): Promise<void> {
    const fresh = this.newEvents();
    const saving = fresh.length > 0 ? store.append(this.current.senderId, fresh) : Promise.resolve();
    if (this.cached) this.leaveToCache(this.cached, store, fresh);
    return saving;
  }

  /**
   * The next turn can start from this tracker when the store's log is exactly what this turn loaded plus what it
   * added (a store sharing its log appends before `append` returns). A new session is left to be rebuilt: the next
   * turn sees the latest session only, as Rasa's tracker store retrieves it.
   */
  private leaveToCache({ cache, log, length }: CachedLoad, store: TrackerStore, fresh: readonly Event[]): void {
    const senderId = this.current.senderId;
    const now = store.sharedLog?.(senderId) ?? null;
    const continues = now !== null && (now === log || length === 0) && now.length === length + fresh.length;
    if (continues && !fresh.some((e) => e.event === "session_started")) cache.remember(senderId, this.current, now);
    else cache.forget(senderId);
  }
}
