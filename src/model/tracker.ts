/**
 * @module model/tracker
 * The conversation tracker as a pure fold over events (Rasa's `DialogueStateTracker`,
 * `rasa-protocol.md` §3.2-3.3). Trackers are immutable values: `appendEvents` returns a new one.
 */
import type { Event } from "./events.js";
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
  const empty = new TrackerValue(senderId, [], 0, initialState(initialSlots), initialSlots, {
    timeline: TurnTimeline.empty(),
    loops: new Set(),
    appliedCount: 0,
    userTurn: -1,
  });
  return appendEvents(empty, events);
}

/** What a tracker keeps beside its public fields, computed as events are appended. */
interface Derived {
  timeline: TurnTimeline;
  /** Names of loops (forms) ever activated: their repeated executions rewrite applied history. */
  loops: ReadonlySet<string>;
  /** How many events `appliedEvents` would return. */
  appliedCount: number;
  /** How many applied actions came before the latest applied user message (-1: none); what `rewind` goes back to. */
  userTurn: number;
}

/** Where applied history stands after the last event; what `appendEvents` advances. */
type History = Omit<Derived, "loops"> & { state: TrackerState };

/**
 * The one kind of tracker object this module makes: its derived history travels with it in a private field. (A
 * WeakMap beside the trackers cost more than the trackers: every appended event makes a short-lived tracker, and each
 * WeakMap entry with a young key is extra work for every scavenge.)
 *
 * Its events are the first `length` of an append-only log shared with the trackers appended from it. Appending to the
 * newest tracker of a log extends the log in place, so a turn's appends cost what they add, not the conversation's
 * length (a copy per append made a 3,000-turn conversation cost 4 ms a turn, its copies in V8's large-object space).
 * Appending to an older tracker copies its part of the log first: trackers stay immutable values.
 */
class TrackerValue implements Tracker {
  readonly #derived: Derived;
  readonly #log: Event[];
  readonly #length: number;
  /** This tracker's part of the log once the log has grown past it (made on first read). */
  #prefix: readonly Event[] | undefined;

  constructor(
    readonly senderId: string,
    log: Event[],
    length: number,
    readonly state: TrackerState,
    readonly initialSlots: Readonly<Record<string, unknown>>,
    derived: Derived,
  ) {
    this.#log = log;
    this.#length = length;
    this.#derived = derived;
  }

  get events(): readonly Event[] {
    if (this.#log.length === this.#length) return this.#log;
    return (this.#prefix ??= this.#log.slice(0, this.#length));
  }

  /** The log with `added` after this tracker's events: in place when nothing was appended after them yet. */
  static extendedLog(tracker: Tracker, added: readonly Event[]): Event[] {
    const own = tracker instanceof TrackerValue && tracker.#log.length === tracker.#length;
    const log = own ? tracker.#log : [...tracker.events];
    // `added` may be the log itself (a tracker appended to itself); read it before it grows.
    for (const e of added === log ? [...added] : added) log.push(e);
    return log;
  }

  static derivedOf(tracker: Tracker): Derived {
    if (tracker instanceof TrackerValue) return tracker.#derived;
    // A tracker-shaped object made elsewhere: fold its events.
    const { timeline, appliedCount, userTurn } = fold(tracker.events, tracker.initialSlots);
    return { timeline, appliedCount, userTurn, loops: loopNames(tracker.events) };
  }
}

function derivedOf(tracker: Tracker): Derived {
  return TrackerValue.derivedOf(tracker);
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

function emptyHistory(initialSlots: Readonly<Record<string, unknown>>): History {
  return { state: initialState(initialSlots), timeline: TurnTimeline.empty(), appliedCount: 0, userTurn: -1 };
}

/** `history` advanced by one event that does not rewrite it (not `undo`, `rewind` or a repeated loop action). */
function advanced(history: History, e: Event, initialSlots: Readonly<Record<string, unknown>>): History {
  let { timeline, appliedCount, userTurn } = history;
  if (e.event === "restart" || e.event === "session_started") {
    // Applied history starts again here (Rasa's applied_events).
    timeline = TurnTimeline.empty();
    appliedCount = 0;
    userTurn = -1;
  } else {
    if (e.event === "action") {
      timeline = timeline.extendedWith({ before: history.state, action: e, userTurn, appliedBefore: appliedCount });
    }
    if (e.event === "user") userTurn = timeline.length;
    appliedCount++;
  }
  return { state: applyEvent(history.state, e, initialSlots), timeline, appliedCount, userTurn };
}

/**
 * Rasa's `undo` (applied events lose everything from the last action on) and `rewind` (everything from the action
 * before the last user message on), read off the timeline: the state before that action is already there.
 */
function undone(history: History, kind: "undo" | "rewind", initialSlots: Readonly<Record<string, unknown>>): History {
  const back = kind === "undo" ? history.timeline.length - 1 : history.userTurn - 1;
  // No such action: Rasa pops every applied event.
  if (back < 0) return emptyHistory(initialSlots);
  const turn = history.timeline.turn(back);
  return {
    state: turn.before,
    timeline: history.timeline.cut(back),
    appliedCount: turn.appliedBefore,
    userTurn: turn.userTurn,
  };
}

/** The state and timeline of `events` replayed from the start (after repeated loop executions rewrote history). */
function fold(events: readonly Event[], initialSlots: Readonly<Record<string, unknown>>): History {
  let history = emptyHistory(initialSlots);
  for (const e of appliedEvents(events)) history = advanced(history, e, initialSlots);
  return history;
}

/** Returns a new tracker with `events` appended and the state advanced. */
export function appendEvents(tracker: Tracker, events: readonly Event[]): Tracker {
  if (events.length === 0) return tracker;
  const before = derivedOf(tracker);
  const all = TrackerValue.extendedLog(tracker, events);
  let loops = before.loops;
  for (const e of events) {
    if (e.event === "active_loop" && e.name && !loops.has(e.name)) loops = new Set([...loops, e.name]);
  }
  const initialSlots = tracker.initialSlots;
  let history: History = {
    state: tracker.state,
    timeline: before.timeline,
    appliedCount: before.appliedCount,
    userTurn: before.userTurn,
  };
  for (const e of events) {
    if (e.event === "action" && e.name !== null && loops.has(e.name)) {
      // A loop's repeated execution drops the turns since its previous one, depending on the path taken: replay.
      history = fold(all, initialSlots);
      break;
    }
    history =
      e.event === "undo" || e.event === "rewind"
        ? undone(history, e.event, initialSlots)
        : advanced(history, e, initialSlots);
  }
  const { state, timeline, appliedCount, userTurn } = history;
  return new TrackerValue(tracker.senderId, all, all.length, state, initialSlots, {
    timeline,
    loops,
    appliedCount,
    userTurn,
  });
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
