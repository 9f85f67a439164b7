/**
 * @module ports/reminder-scheduler
 * Schedules `reminder` events and removes them on `cancel_reminder` (Rasa's side effects of those
 * events). The scheduler fires a due reminder by calling `MessageProcessor.handleReminder`.
 */
import type { ReminderCancelled, ReminderScheduled } from "../model/index.js";

export interface ReminderScheduler {
  schedule(senderId: string, reminder: ReminderScheduled): void;
  cancel(senderId: string, cancellation: ReminderCancelled): void;
}
