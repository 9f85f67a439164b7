/**
 * @module stores/tracker/memory-tracker-store
 * Keeps conversations in process memory (Rasa's InMemoryTrackerStore): lost on restart. Turns read it through
 * `sharedLog` and the tracker cache, so it needs no `retrieveLatestSession`.
 */
import type { Event } from "../../model/index.js";
import type { TrackerStore } from "../../ports/index.js";

export class MemoryTrackerStore implements TrackerStore {
  /** Each conversation's log: only ever appended to; `replace` starts a new one (see `TrackerStore.sharedLog`). */
  private readonly conversations = new Map<string, Event[]>();

  sharedLog(senderId: string): readonly Event[] | null {
    return this.conversations.get(senderId) ?? null;
  }

  retrieve(senderId: string): Promise<Event[] | null> {
    const events = this.conversations.get(senderId);
    return Promise.resolve(events ? [...events] : null);
  }

  /**
   * Keeps the events themselves, as the log it shares does (events are values nobody changes once appended). A copy
   * would cost a deep copy per event and, with the tracker cache holding the turn's own objects, every event twice.
   */
  append(senderId: string, events: readonly Event[]): Promise<void> {
    const existing = this.conversations.get(senderId);
    if (existing) for (const e of events) existing.push(e);
    else this.conversations.set(senderId, [...events]);
    return Promise.resolve();
  }

  replace(senderId: string, events: readonly Event[]): Promise<void> {
    this.conversations.set(senderId, [...events]);
    return Promise.resolve();
  }

  keys(): Promise<string[]> {
    return Promise.resolve([...this.conversations.keys()]);
  }

  delete(senderId: string): Promise<boolean> {
    return Promise.resolve(this.conversations.delete(senderId));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
