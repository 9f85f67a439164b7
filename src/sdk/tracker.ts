/**
 * @module sdk/tracker
 * A typed, read-only view of the tracker an action receives (rasa-sdk's `Tracker`). `S` describes
 * the slots, so `tracker.getSlot("num_people")` is typed.
 */
import type { EntityJson, EventJson, LatestMessageJson, TrackerJson } from "./types.js";

export type Slots = Record<string, unknown>;

export class Tracker<S extends Slots = Slots> {
  readonly senderId: string;
  readonly slots: Readonly<S>;
  readonly latestMessage: LatestMessageJson;
  readonly events: readonly EventJson[];
  readonly paused: boolean;
  readonly followupAction: string | null;
  readonly activeLoopName: string | null;
  readonly latestActionName: string | null;
  readonly latestInputChannel: string | null;

  constructor(readonly json: TrackerJson) {
    this.senderId = json.sender_id;
    this.slots = { ...json.slots } as S;
    this.latestMessage = json.latest_message ?? {};
    this.events = json.events ?? [];
    this.paused = json.paused ?? false;
    this.followupAction = json.followup_action ?? null;
    this.activeLoopName = json.active_loop?.name ?? null;
    this.latestActionName = json.latest_action_name ?? null;
    this.latestInputChannel = json.latest_input_channel ?? null;
  }

  getSlot<K extends keyof S & string>(name: K): S[K] | null {
    return (Object.hasOwn(this.slots, name) ? this.slots[name] : null) ?? null;
  }

  get requestedSlot(): string | null {
    const value = this.slots.requested_slot;
    return typeof value === "string" ? value : null;
  }

  /** The intent of the latest user message, or `null`. */
  get latestIntent(): string | null {
    return this.latestMessage.intent?.name ?? null;
  }

  get latestEntities(): EntityJson[] {
    return this.latestMessage.entities ?? [];
  }

  /** Values of `entity` (optionally with that role/group) in the latest message. */
  getLatestEntityValues(entity: string, role?: string, group?: string): unknown[] {
    return this.latestEntities
      .filter((e) => e.entity === entity && (role === undefined || e.role === role))
      .filter((e) => group === undefined || e.group === group)
      .map((e) => e.value);
  }

  /** Slots set by the trailing `slot` events: the candidates a validation action checks (rasa-sdk). */
  slotsToValidate(): Record<string, unknown> {
    let count = 0;
    for (let i = this.events.length - 1; i >= 0 && this.events[i]!.event === "slot"; i--) count++;
    const out: Record<string, unknown> = {};
    for (const e of this.events.slice(this.events.length - count)) out[String(e.name)] = e.value;
    return out;
  }

  /** Events after the latest `restart` (all of them when there was none). */
  eventsAfterLatestRestart(): EventJson[] {
    const index = this.events.map((e) => e.event).lastIndexOf("restart");
    return this.events.slice(index + 1);
  }

  /** A copy with `events` applied to slots and appended (rasa-sdk's `add_slots`). */
  withSlotEvents(events: readonly EventJson[]): Tracker<S> {
    const slots: Slots = { ...this.slots };
    for (const e of events) if (e.event === "slot") slots[String(e.name)] = e.value;
    return new Tracker<S>({ ...this.json, slots, events: [...this.events, ...events] });
  }
}
