/**
 * @module reminders
 * Reminder scheduling. Placeholder until the scheduler lands: reminders are logged, never fired.
 */
import type { MessageProcessor } from "../core/message-processor.js";
import type { Logger, OutputChannel, ReminderScheduler } from "../ports/index.js";
import type { TrackerStore } from "../ports/index.js";

export interface ReminderService extends ReminderScheduler {
  /** Connects the scheduler to the processor that fires reminders, and re-arms stored ones. */
  start(processor: MessageProcessor, outputFor: (channel: string | null) => OutputChannel): Promise<void>;
  stop(): void;
}

export function createReminderService(_store: TrackerStore, logger: Logger): ReminderService {
  return {
    schedule: (senderId, reminder) =>
      logger.warn({ sender: senderId, reminder: reminder.name }, "Reminders are not supported yet; ignored"),
    cancel: () => undefined,
    start: () => Promise.resolve(),
    stop: () => undefined,
  };
}
