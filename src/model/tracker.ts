/**
 * @module model/tracker
 * The conversation tracker as a pure fold over events (Rasa's `DialogueStateTracker`,
 * `rasa-protocol.md` §3.2-3.3). Trackers are immutable values: `appendEvents` returns a new one.
 */
import type { BotUttered, Event, UserUttered } from "./events.js";
import type { ParseResult } from "./messages.js";

export const ACTION_LISTEN = "action_listen";
export const ACTION_SESSION_START = "action_session_start";

export interface ActiveLoopState {
  name: string;
  is_interrupted: boolean;
  rejected: boolean;
  trigger_message: ParseResult | null;
}

export type LatestAction = { action_name: string } | { action_text: string } | Record<string, never>;

export interface TrackerState {
  slots: Record<string, unknown>;
  latestMessage: UserUttered | null;
  latestBotUtterance: BotUttered | null;
  followupAction: string | null;
  paused: boolean;
  activeLoop: ActiveLoopState | null;
  latestAction: LatestAction;
}

export interface Tracker {
  readonly senderId: string;
  readonly events: readonly Event[];
  readonly state: TrackerState;
  /** Initial slot values from the domain; what `reset_slots`, `restart` and `session_started` go back to. */
  readonly initialSlots: Readonly<Record<string, unknown>>;
}

/**
 * Rasa's `DialogueStateTracker._reset()`, which also runs when a tracker is created: note that it
 * sets the followup action to `action_listen` (the first `user` or `action` event clears it).
 */
export function initialState(initialSlots: Readonly<Record<string, unknown>>): TrackerState {
  return {
    slots: { ...initialSlots },
    latestMessage: null,
    latestBotUtterance: null,
    followupAction: ACTION_LISTEN,
    paused: false,
    activeLoop: null,
    latestAction: {},
  };
}

export function createTracker(
  senderId: string,
  initialSlots: Readonly<Record<string, unknown>>,
  events: readonly Event[] = [],
): Tracker {
  const empty: Tracker = { senderId, events: [], state: initialState(initialSlots), initialSlots };
  return appendEvents(empty, events);
}

/** Rasa's `_reset()`: used by `restart` and `session_started`. */
function resetState(initialSlots: Readonly<Record<string, unknown>>): TrackerState {
  return initialState(initialSlots);
}

export function latestActionName(state: TrackerState): string | null {
  return "action_name" in state.latestAction ? state.latestAction.action_name : null;
}

/**
 * Applies one event that does not rewrite history (everything but `undo` and `rewind`).
 * Mirrors each Rasa event's `apply_to(tracker)`.
 */
export function applyEvent(
  state: TrackerState,
  event: Event,
  initialSlots: Readonly<Record<string, unknown>>,
): TrackerState {
  switch (event.event) {
    case "user":
      return { ...state, latestMessage: event, followupAction: null };
    case "bot":
      return { ...state, latestBotUtterance: event };
    case "action": {
      const latestAction: LatestAction =
        event.name != null ? { action_name: event.name } : { action_text: event.action_text ?? "" };
      let activeLoop = state.activeLoop;
      if (activeLoop) {
        // Rasa's set_latest_action: any action resets interruption; the loop itself resets rejection.
        activeLoop = { ...activeLoop, is_interrupted: false };
        if (event.name === activeLoop.name) activeLoop.rejected = false;
      }
      return { ...state, latestAction, activeLoop, followupAction: null };
    }
    case "slot":
      if (!Object.hasOwn(state.slots, event.name)) return state;
      return { ...state, slots: { ...state.slots, [event.name]: event.value } };
    case "reset_slots":
      return { ...state, slots: { ...initialSlots } };
    case "restart":
      return { ...resetState(initialSlots), followupAction: ACTION_SESSION_START };
    case "session_started":
      return resetState(initialSlots);
    case "followup":
      return { ...state, followupAction: event.name };
    case "pause":
      return { ...state, paused: true };
    case "resume":
      return { ...state, paused: false };
    case "active_loop":
      return {
        ...state,
        activeLoop: event.name
          ? {
              name: event.name,
              is_interrupted: false,
              rejected: false,
              trigger_message: state.latestMessage ? parseDataOf(state.latestMessage) : null,
            }
          : null,
      };
    case "loop_interrupted":
      return state.activeLoop
        ? { ...state, activeLoop: { ...state.activeLoop, is_interrupted: event.is_interrupted } }
        : state;
    case "action_execution_rejected":
      return state.activeLoop && state.activeLoop.name === event.name
        ? { ...state, activeLoop: { ...state.activeLoop, rejected: true } }
        : state;
    case "entities": {
      // Rasa only adds entities right after the user turn (latest action is action_listen).
      if (!state.latestMessage || latestActionName(state) !== ACTION_LISTEN) return state;
      const existing = state.latestMessage.parse_data.entities;
      // Rasa appends each entity that is not already there (dict equality).
      const entities = [...existing];
      for (const e of event.entities) if (!entities.some((x) => jsonEqual(x, e))) entities.push(e);
      const parse_data = { ...state.latestMessage.parse_data, entities };
      return { ...state, latestMessage: { ...state.latestMessage, parse_data } };
    }
    case "undo":
    case "rewind":
      // Handled by replay in appendEvents; a bare reducer call cannot rewrite history.
      return state;
    case "reminder":
    case "cancel_reminder":
    case "user_featurization":
    case "export":
    case "agent":
      return state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function replay(events: readonly Event[], initialSlots: Readonly<Record<string, unknown>>): TrackerState {
  let state = initialState(initialSlots);
  for (const e of appliedEvents(events)) state = applyEvent(state, e, initialSlots);
  return state;
}

/** Returns a new tracker with `events` appended and the state advanced. */
export function appendEvents(tracker: Tracker, events: readonly Event[]): Tracker {
  if (events.length === 0) return tracker;
  const all = [...tracker.events, ...events];
  let state = tracker.state;
  let needsReplay = false;
  const loops = loopNames(all);
  for (const e of events) {
    if (e.event === "undo" || e.event === "rewind" || (e.event === "action" && e.name !== null && loops.has(e.name))) {
      needsReplay = true;
      break;
    }
    state = applyEvent(state, e, tracker.initialSlots);
  }
  if (needsReplay) state = replay(all, tracker.initialSlots);
  return { ...tracker, events: all, state };
}

/** Names of loops (forms) ever activated: their repeated executions rewrite applied history. */
function loopNames(events: readonly Event[]): Set<string> {
  const names = new Set<string>();
  for (const e of events) if (e.event === "active_loop" && e.name) names.add(e.name);
  return names;
}

/** Pops events from the end up to and including the last one of `type`. */
function undoTillPrevious(type: Event["event"], done: Event[]): void {
  while (done.length > 0) {
    const e = done.pop();
    if (e?.event === type) return;
  }
}

function isWithinUnhappyPath(loopName: string, e: Event, nextAction: string | null): boolean {
  const rejected = e.event === "action_execution_rejected" && e.name === loopName;
  const otherActionAfterUser = e.event === "user" && nextAction !== null && nextAction !== loopName;
  return rejected || otherActionAfterUser;
}

function firstLoopExecutionOrUnhappyPath(loopName: string, applied: readonly Event[]): boolean {
  let nextAction: string | null = null;
  for (let i = applied.length - 1; i >= 0; i--) {
    const e = applied[i]!;
    if (e.event === "active_loop" && e.name === null) return true;
    if (isWithinUnhappyPath(loopName, e, nextAction)) return true;
    if (e.event === "action") {
      if (e.name === loopName) return false;
      nextAction = e.name;
    }
  }
  return true;
}

function undoTillPreviousLoopExecution(loopName: string, done: Event[]): void {
  let offset = 0;
  for (let i = done.length - 1; i >= 0; i--) {
    const e = done[i]!;
    if (e.event === "action" && e.name === loopName) break;
    if (e.event === "action" || e.event === "user" || e.event === "user_featurization") {
      done.splice(done.length - 1 - offset, 1);
    } else {
      offset += 1;
    }
  }
}

/**
 * Rasa's `applied_events()`: restarts and session starts clear history, `undo` drops the last
 * action, `rewind` drops the last user turn, and repeated loop (form) executions on the happy
 * path drop the turns in between.
 */
export function appliedEvents(events: readonly Event[]): Event[] {
  const loops = loopNames(events);
  const applied: Event[] = [];
  for (const e of events) {
    if (e.event === "restart" || e.event === "session_started") {
      applied.length = 0;
    } else if (e.event === "undo") {
      undoTillPrevious("action", applied);
    } else if (e.event === "rewind") {
      undoTillPrevious("user", applied);
      undoTillPrevious("action", applied);
    } else if (
      e.event === "action" &&
      e.name &&
      loops.has(e.name) &&
      !firstLoopExecutionOrUnhappyPath(e.name, applied)
    ) {
      undoTillPreviousLoopExecution(e.name, applied);
      applied.push(e);
    } else {
      applied.push(e);
    }
  }
  return applied;
}

/**
 * Parse data of a user event as Rasa's `UserUttered.parse_data` exposes it: defaults from the
 * event (`text`, `message_id`, `metadata`), overridden by whatever the stored parse data holds.
 */
export function parseDataOf(e: UserUttered): ParseResult {
  const base = { intent: {}, entities: [], text: e.text ?? "", message_id: e.message_id, metadata: e.metadata ?? {} };
  return { ...base, ...e.parse_data };
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && jsonEqual(ra[k], rb[k]));
}

export function latestIntent(state: TrackerState): string | null {
  const intent = state.latestMessage?.parse_data.intent;
  return intent && "name" in intent ? intent.name : null;
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
