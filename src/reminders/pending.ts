/**
 * @module reminders/pending
 * Which reminders of a stored conversation are still due: scheduled in the applied history, not
 * replaced by a later one with the same name, not cancelled, not killed by a user message
 * (`kill_on_user_msg`) and not fired yet (a fired reminder left an external `user` event with its intent).
 */
import { appliedEvents } from "../model/index.js";
import type { Event, ReminderCancelled, ReminderScheduled } from "../model/index.js";

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Rasa's `ReminderCancelled.cancels_job`: by name, else by intent and entities when given, else all. */
export function cancels(c: ReminderCancelled, r: ReminderScheduled): boolean {
  if (c.name) return c.name === r.name;
  if (c.intent && c.intent !== r.intent) return false;
  if (c.entities !== undefined && c.entities !== null && !sameJson(c.entities, r.entities)) return false;
  return true;
}

function settledBy(e: Event, r: ReminderScheduled): boolean {
  if (e.event === "reminder") return e.name === r.name;
  if (e.event === "cancel_reminder") return cancels(e, r);
  if (e.event !== "user") return false;
  const external = e.metadata?.is_external === true;
  if (!external) return r.kill_on_user_msg && Boolean(e.text);
  const intent = e.parse_data.intent;
  return "name" in intent && intent.name === r.intent;
}

export function pendingReminders(events: readonly Event[]): ReminderScheduled[] {
  const applied = appliedEvents(events);
  const out: ReminderScheduled[] = [];
  applied.forEach((e, i) => {
    if (e.event !== "reminder") return;
    if (applied.slice(i + 1).some((later) => settledBy(later, e))) return;
    out.push(e);
  });
  return out;
}
