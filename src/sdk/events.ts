/**
 * @module sdk/events
 * Event helpers (rasa-sdk's `rasa_sdk.events`): each returns the event's JSON with `timestamp: null`,
 * which the bot replaces with the time it applies the event.
 */
import type { EventJson } from "./types.js";

const event = (name: string, fields: Record<string, unknown> = {}): EventJson => ({
  event: name,
  timestamp: null,
  ...fields,
});

export const slotSet = (name: string, value: unknown = null): EventJson => event("slot", { name, value });
export const allSlotsReset = (): EventJson => event("reset_slots");
export const restarted = (): EventJson => event("restart");
export const sessionStarted = (): EventJson => event("session_started");
export const userUtteranceReverted = (): EventJson => event("rewind");
export const actionReverted = (): EventJson => event("undo");
export const conversationPaused = (): EventJson => event("pause");
export const conversationResumed = (): EventJson => event("resume");
export const followupAction = (name: string): EventJson => event("followup", { name });
export const activeLoop = (name: string | null): EventJson => event("active_loop", { name });
export const actionExecutionRejected = (name: string, policy: string | null = null, confidence: number | null = null) =>
  event("action_execution_rejected", { name, policy, confidence });
export const botUttered = (text: string | null, data: Record<string, unknown> = {}): EventJson =>
  event("bot", { text, data, metadata: {} });

export interface ReminderOptions {
  entities?: Record<string, unknown> | unknown[] | null;
  /** Defaults to a random id; a reminder with the same name replaces the earlier one. */
  name?: string;
  /** Cancel the reminder when the user writes before it fires (default true, as in Rasa). */
  killOnUserMessage?: boolean;
}

/** Triggers `intent` at `at` (Rasa's ReminderScheduled); it arrives as the message `EXTERNAL: <intent>`. */
export function reminderScheduled(intent: string, at: Date, options: ReminderOptions = {}): EventJson {
  return event("reminder", {
    intent,
    entities: options.entities ?? null,
    date_time: at.toISOString(),
    name: options.name ?? globalThis.crypto.randomUUID(),
    kill_on_user_msg: options.killOnUserMessage ?? true,
  });
}

/** Cancels reminders by name, or all matching `intent` (and `entities`), or all when both are absent. */
export function reminderCancelled(
  options: { name?: string; intent?: string; entities?: Record<string, unknown> | unknown[] } = {},
): EventJson {
  return event("cancel_reminder", {
    name: options.name ?? null,
    intent: options.intent ?? null,
    entities: options.entities ?? null,
  });
}
