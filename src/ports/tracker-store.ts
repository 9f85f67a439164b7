/**
 * @module ports/tracker-store
 * Where conversations live. Stores keep the full event log of a conversation (all sessions);
 * the tracker derives its state from it. Adapters: `stores/tracker/*`.
 */
import type { Event } from "../model/index.js";

export interface TrackerStore {
  /**
   * Optional, for a store that keeps conversations in process (the in-memory store): the conversation's event log
   * itself, not a copy, or `null`. Such a store only ever appends to a log (a replace or delete starts a new one), so
   * a caller may keep what it derived from a log's first n events for as long as it is that log
   * (`core/tracker-cache`). Callers must not change it. Such a store keeps the appended event objects themselves, not
   * copies: an event is a value nobody changes once it is appended.
   */
  sharedLog?(senderId: string): readonly Event[] | null;
  /** All events of the conversation in insertion order, or `null` when it does not exist. */
  retrieve(senderId: string): Promise<Event[] | null>;
  /**
   * Optional: the events from the last `session_started` on (all when there is none), or `null` when the
   * conversation does not exist; what a turn needs (Rasa's `retrieve`), without reading older sessions. Stores
   * without it are read whole and cut by the caller.
   */
  retrieveLatestSession?(senderId: string): Promise<Event[] | null>;
  /**
   * Appends `events` after the first `knownCount` stored events. Implementations must keep the append
   * atomic so that nothing already accepted is lost when the process dies mid-turn.
   */
  append(senderId: string, events: readonly Event[]): Promise<void>;
  /** Replaces the whole event log (`PUT /conversations/{id}/tracker/events`). */
  replace(senderId: string, events: readonly Event[]): Promise<void>;
  /** Conversation ids, oldest first. */
  keys(): Promise<string[]>;
  /** Deletes a conversation (returns whether it existed). */
  delete(senderId: string): Promise<boolean>;
  close(): Promise<void>;
}
