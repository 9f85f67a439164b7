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

export class Conversation {
  private constructor(
    private current: Tracker,
    private readonly storedCount: number,
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
    const events =
      scope === "all"
        ? ((await store.retrieve(senderId)) ?? [])
        : store.retrieveLatestSession
          ? ((await store.retrieveLatestSession(senderId)) ?? [])
          : latestSessionEvents((await store.retrieve(senderId)) ?? []);
    const tracker = cache
      ? cache.trackerFor(senderId, events)
      : createTracker(senderId, initialSlotValues(domain), events);
    return new Conversation(tracker, events.length);
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
    return fresh.length > 0 ? store.append(this.current.senderId, fresh) : Promise.resolve();
  }
}
