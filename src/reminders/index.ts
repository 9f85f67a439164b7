/**
 * @module reminders
 * Reminder scheduling (Rasa's `reminder` / `cancel_reminder` side effects, `rasa-protocol.md` §3.2):
 * one timer per (conversation, reminder name); a reminder with the same name replaces the earlier
 * one. A due reminder fires through `MessageProcessor.handleReminder` on the output channel of the
 * conversation's latest input channel. Unlike Rasa (in-memory APScheduler), `start()` re-arms the
 * reminders found in stored conversations, so they survive a restart; overdue ones fire at once.
 */
import type { MessageProcessor } from "../core/message-processor.js";
import { latestInputChannel } from "../model/index.js";
import type { ReminderCancelled, ReminderScheduled } from "../model/index.js";
import type { Logger, OutputChannel, ReminderScheduler, TrackerStore } from "../ports/index.js";
import { cancels, pendingReminders } from "./pending.js";

export { pendingReminders, cancels } from "./pending.js";

export interface ReminderService extends ReminderScheduler {
  /** Connects the scheduler to the processor that fires reminders, and re-arms stored ones. */
  start(processor: MessageProcessor, outputFor: (channel: string | null) => OutputChannel): Promise<void>;
  stop(): void;
}

/** setTimeout's limit (~24.8 days); longer waits are chained. */
const MAX_DELAY_MS = 2 ** 31 - 1;

interface Armed {
  senderId: string;
  reminder: ReminderScheduled;
  timer: NodeJS.Timeout;
}

export function createReminderService(store: TrackerStore, logger: Logger): ReminderService {
  const armed = new Map<string, Armed>();
  let processor: MessageProcessor | null = null;
  let outputFor: (channel: string | null) => OutputChannel = () => ({
    name: "collector",
    sendResponse: () => Promise.resolve(),
  });
  const keyOf = (senderId: string, name: string) => JSON.stringify([senderId, name]);

  async function fire(senderId: string, reminder: ReminderScheduled): Promise<void> {
    if (!processor) throw new Error("the reminder service was not started");
    const tracker = await processor.fetchTracker(senderId);
    const output = outputFor(latestInputChannel(tracker.events));
    const fired = await processor.handleReminder(senderId, reminder, output);
    logger.debug({ sender: senderId, reminder: reminder.name, fired: fired !== null }, "Reminder due");
  }

  function arm(senderId: string, reminder: ReminderScheduled, dueMs: number): void {
    const key = keyOf(senderId, reminder.name);
    const wait = Math.max(0, dueMs - Date.now());
    const timer = setTimeout(
      () => {
        if (armed.get(key)?.timer !== timer) return;
        if (dueMs > Date.now()) return arm(senderId, reminder, dueMs);
        armed.delete(key);
        fire(senderId, reminder).catch((err: unknown) =>
          logger.error(
            { code: "CONFAB_ERR_REMINDER", sender: senderId, reminder: reminder.name, err },
            `Reminder '${reminder.name}' could not be fired`,
          ),
        );
      },
      Math.min(wait, MAX_DELAY_MS),
    );
    timer.unref();
    const previous = armed.get(key);
    if (previous) clearTimeout(previous.timer);
    armed.set(key, { senderId, reminder, timer });
  }

  function schedule(senderId: string, reminder: ReminderScheduled): void {
    const due = Date.parse(reminder.date_time);
    if (Number.isNaN(due)) {
      logger.error(
        { code: "CONFAB_ERR_REMINDER", sender: senderId, reminder: reminder.name, date_time: reminder.date_time },
        `Reminder '${reminder.name}' has an unreadable date_time; it is dropped`,
      );
      return;
    }
    logger.debug({ sender: senderId, reminder: reminder.name, due: reminder.date_time }, "Reminder scheduled");
    arm(senderId, reminder, due);
  }

  function cancel(senderId: string, cancellation: ReminderCancelled): void {
    for (const [key, a] of armed) {
      if (a.senderId !== senderId || !cancels(cancellation, a.reminder)) continue;
      clearTimeout(a.timer);
      armed.delete(key);
    }
  }

  return {
    schedule,
    cancel,
    async start(p, channels) {
      processor = p;
      outputFor = channels;
      let count = 0;
      for (const senderId of await store.keys()) {
        const events = await store.retrieve(senderId);
        for (const reminder of pendingReminders(events ?? [])) {
          if (armed.has(keyOf(senderId, reminder.name))) continue;
          schedule(senderId, reminder);
          count++;
        }
      }
      if (count > 0) logger.info({ count }, "Re-armed stored reminders");
    },
    stop() {
      for (const a of armed.values()) clearTimeout(a.timer);
      armed.clear();
    },
  };
}
