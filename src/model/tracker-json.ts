/**
 * @module model/tracker-json
 * The tracker as Rasa's `DialogueStateTracker.current_state(verbosity)` renders it
 * (`rasa-protocol.md` §3.3): `GET /conversations/{id}/tracker`, the action server's `tracker`.
 */
import type { Event } from "./events.js";
import type { ParseResult } from "./messages.js";
import { serializeEvent } from "./event-codec.js";
import { appliedEvents } from "./applied-events.js";
import { parseDataOf, type LatestAction } from "./tracker-state.js";
import { eventsAfterLatestRestart, latestInputChannel, type Tracker } from "./tracker.js";

export type EventVerbosity = "ALL" | "APPLIED" | "AFTER_RESTART" | "NONE";

export const EVENT_VERBOSITIES: readonly EventVerbosity[] = ["ALL", "APPLIED", "AFTER_RESTART", "NONE"];

export class InvalidVerbosityError extends Error {
  constructor(readonly value: string) {
    super(`Invalid value '${value}' for 'include_events'; expected one of ${EVENT_VERBOSITIES.join(", ")}`);
    this.name = "InvalidVerbosityError";
  }
}

/** Rasa upper-cases `include_events` and looks it up in `EventVerbosity`; anything else is a 400. */
export function parseVerbosity(value: string): EventVerbosity {
  const upper = value.toUpperCase();
  const found = EVENT_VERBOSITIES.find((v) => v === upper);
  if (!found) throw new InvalidVerbosityError(value);
  return found;
}

export interface ActiveLoopJson {
  name: string;
  is_interrupted: boolean;
  rejected: boolean;
  trigger_message: ParseResult | EmptyLatestMessage;
}

export interface TrackerJson {
  sender_id: string;
  slots: Record<string, unknown>;
  latest_message: ParseResult | EmptyLatestMessage;
  latest_event_time: number | null;
  followup_action: string | null;
  paused: boolean;
  events: Record<string, unknown>[] | null;
  latest_input_channel: string | null;
  active_loop: ActiveLoopJson | Record<string, never>;
  latest_action: LatestAction;
  latest_action_name: string | null;
}

export interface EmptyLatestMessage {
  intent: Record<string, never>;
  entities: [];
  text: null;
  message_id: null;
  metadata: Record<string, never>;
}

/** Parse data of Rasa's `UserUttered.empty()`, what a tracker without user messages reports. */
export function emptyLatestMessage(): EmptyLatestMessage {
  return { intent: {}, entities: [], text: null, message_id: null, metadata: {} };
}

export function eventsForVerbosity(events: readonly Event[], verbosity: EventVerbosity): Event[] | null {
  switch (verbosity) {
    case "ALL":
      return [...events];
    case "APPLIED":
      return appliedEvents(events);
    case "AFTER_RESTART":
      return eventsAfterLatestRestart(events);
    case "NONE":
      return null;
  }
}

/** Rasa's `latest_action_name`: the action name, or the bot text of an end-to-end action. */
function latestActionNameOrText(latest: LatestAction): string | null {
  if ("action_name" in latest && latest.action_name) return latest.action_name;
  if ("action_text" in latest && latest.action_text) return latest.action_text;
  return null;
}

export function trackerToJson(tracker: Tracker, verbosity: EventVerbosity): TrackerJson {
  const { state } = tracker;
  const events = eventsForVerbosity(tracker.events, verbosity);
  const last = tracker.events[tracker.events.length - 1];
  const loop = state.activeLoop;
  return {
    sender_id: tracker.senderId,
    slots: { ...state.slots },
    latest_message: state.latestMessage ? parseDataOf(state.latestMessage) : emptyLatestMessage(),
    latest_event_time: last ? last.timestamp : null,
    followup_action: state.followupAction,
    paused: state.paused,
    events: events ? events.map(serializeEvent) : null,
    latest_input_channel: latestInputChannel(tracker.events),
    active_loop: loop
      ? {
          name: loop.name,
          is_interrupted: loop.is_interrupted,
          rejected: loop.rejected,
          // Rasa's tracker always holds a (possibly empty) latest message, so this is never null there.
          trigger_message: loop.trigger_message ?? emptyLatestMessage(),
        }
      : {},
    latest_action: state.latestAction,
    latest_action_name: latestActionNameOrText(state.latestAction),
  };
}
