/**
 * @module model/tracker
 * The conversation tracker as a pure fold over events (Rasa's `DialogueStateTracker`,
 * `rasa-protocol.md` §3.2-3.3). Trackers are immutable values: `appendEvents` returns a new one.
 */
import type { ActionExecuted, Event } from "./events.js";
import { appliedEvents, loopNames } from "./applied-events.js";
import { applyEvent, initialState, type TrackerState } from "./tracker-state.js";
import { TurnTimeline } from "./timeline.js";

export interface Tracker {
  readonly senderId: string;
  readonly events: readonly Event[];
  readonly state: TrackerState;
  /** Initial slot values from the domain; what `reset_slots`, `restart` and `session_started` go back to. */
  readonly initialSlots: Readonly<Record<string, unknown>>;
}

export function createTracker(
  senderId: string,
  initialSlots: Readonly<Record<string, unknown>>,
  events: readonly Event[] = [],
): Tracker {
  const empty: Tracker = { senderId, events: [], state: initialState(initialSlots), initialSlots };
  derived.set(empty, { timeline: TurnTimeline.empty(), loops: new Set(), appliedCount: 0 });
  return appendEvents(empty, events);
}

/** What a tracker keeps beside its public fields, computed as events are appended. */
interface Derived {
  timeline: TurnTimeline;
  /** Names of loops (forms) ever activated: their repeated executions rewrite applied history. */
  loops: ReadonlySet<string>;
  /** How many events `appliedEvents` would return. */
  appliedCount: number;
}

const derived = new WeakMap<Tracker, Derived>();

function derivedOf(tracker: Tracker): Derived {
  const known = derived.get(tracker);
  if (known) return known;
  const { timeline, appliedCount } = fold(tracker.events, tracker.initialSlots);
  const fresh = { timeline, appliedCount, loops: loopNames(tracker.events) };
  derived.set(tracker, fresh);
  return fresh;
}

/**
 * The state before each applied action (see `TurnTimeline`): policies read the turns they look at from here
 * instead of replaying the conversation.
 */
export function turnTimeline(tracker: Tracker): TurnTimeline {
  return derivedOf(tracker).timeline;
}

/** Whether the conversation has applied events (Rasa starts a session when it has none). */
export function hasAppliedEvents(tracker: Tracker): boolean {
  return derivedOf(tracker).appliedCount > 0;
}

/** The state and timeline of `events` replayed from the start (after a history rewrite). */
function fold(
  events: readonly Event[],
  initialSlots: Readonly<Record<string, unknown>>,
): { state: TrackerState; timeline: TurnTimeline; appliedCount: number } {
  let state = initialState(initialSlots);
  const turns: { before: TrackerState; action: ActionExecuted }[] = [];
  const applied = appliedEvents(events);
  for (const e of applied) {
    if (e.event === "action") turns.push({ before: state, action: e });
    state = applyEvent(state, e, initialSlots);
  }
  return { state, timeline: TurnTimeline.empty().extendedWith(turns), appliedCount: applied.length };
}

/** Returns a new tracker with `events` appended and the state advanced. */
export function appendEvents(tracker: Tracker, events: readonly Event[]): Tracker {
  if (events.length === 0) return tracker;
  const all = tracker.events.concat(events);
  const before = derivedOf(tracker);
  let loops = before.loops;
  for (const e of events) {
    if (e.event === "active_loop" && e.name && !loops.has(e.name)) loops = new Set([...loops, e.name]);
  }
  let state = tracker.state;
  let timeline = before.timeline;
  let appliedCount = before.appliedCount;
  let turns: { before: TrackerState; action: ActionExecuted }[] = [];
  let needsReplay = false;
  for (const e of events) {
    if (e.event === "undo" || e.event === "rewind" || (e.event === "action" && e.name !== null && loops.has(e.name))) {
      needsReplay = true;
      break;
    }
    if (e.event === "restart" || e.event === "session_started") {
      // Applied history starts again here (Rasa's applied_events).
      timeline = TurnTimeline.empty();
      turns = [];
      appliedCount = 0;
    } else {
      if (e.event === "action") turns.push({ before: state, action: e });
      appliedCount++;
    }
    state = applyEvent(state, e, tracker.initialSlots);
  }
  if (needsReplay) ({ state, timeline, appliedCount } = fold(all, tracker.initialSlots));
  else timeline = timeline.extendedWith(turns);
  const next: Tracker = { ...tracker, events: all, state };
  derived.set(next, { timeline, loops, appliedCount });
  return next;
}

export function latestInputChannel(events: readonly Event[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.event === "user") return e.input_channel;
  }
  return null;
}

/** Events after the latest `restart` (Rasa's AFTER_RESTART verbosity). */
export function eventsAfterLatestRestart(events: readonly Event[]): Event[] {
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.event === "restart") return events.slice(i + 1);
  }
  return [...events];
}

/**
 * The events of the latest session: from the last `session_started` on (all of them when there is none). What Rasa's
 * tracker stores `retrieve` for a turn; earlier sessions no longer count (applied events start at a session start).
 */
export function latestSessionEvents(events: readonly Event[]): Event[] {
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.event === "session_started") return events.slice(i);
  }
  return [...events];
}
