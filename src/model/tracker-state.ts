/**
 * @module model/tracker-state
 * What a conversation's events add up to (Rasa's `DialogueStateTracker` fields) and the reducer that applies one
 * event to it, mirroring each Rasa event's `apply_to(tracker)` (`rasa-protocol.md` §3.2-3.3). States are immutable.
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
