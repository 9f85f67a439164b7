/**
 * @module rooms/bots/timer-reminders
 * In-memory reminder timers for the rooms' in-process bots (the shared reminder scheduler was not
 * available when this was written). Rasa semantics kept: a reminder with the same name replaces
 * the earlier one, `cancel_reminder` removes matches, and firing goes through
 * `MessageProcessor.handleReminder`, which drops a `kill_on_user_msg` reminder when a user wrote
 * in between. New room messages also clear such timers early (`cancelOnUserMessage`).
 */
import type { MessageProcessor } from "../../core/message-processor.js";
import type { ReminderCancelled, ReminderScheduled } from "../../model/index.js";
import type { Logger, OutputChannel } from "../../ports/index.js";
import type { ReminderService } from "../../reminders/index.js";

interface Pending {
  reminder: ReminderScheduled;
  timer: NodeJS.Timeout;
}

export class TimerReminders implements ReminderService {
  private readonly pending = new Map<string, Pending[]>();
  private processor: MessageProcessor | null = null;
  private outputFor: (channel: string | null) => OutputChannel = () => ({
    name: "collector",
    sendResponse: () => Promise.resolve(),
  });

  constructor(private readonly logger: Logger) {}

  start(processor: MessageProcessor, outputFor: (channel: string | null) => OutputChannel): Promise<void> {
    this.processor = processor;
    this.outputFor = outputFor;
    return Promise.resolve();
  }

  schedule(senderId: string, reminder: ReminderScheduled): void {
    this.remove(senderId, (r) => r.name === reminder.name);
    const due = Date.parse(reminder.date_time);
    const delay = Number.isFinite(due) ? Math.max(0, due - Date.now()) : 0;
    const timer = setTimeout(() => this.fire(senderId, reminder), delay);
    timer.unref();
    this.pending.set(senderId, [...(this.pending.get(senderId) ?? []), { reminder, timer }]);
  }

  cancel(senderId: string, c: ReminderCancelled): void {
    this.remove(senderId, (r) => (c.name ? r.name === c.name : !c.intent || c.intent === r.intent));
  }

  /** A new user message makes `kill_on_user_msg` reminders pointless. */
  cancelOnUserMessage(senderId: string): void {
    this.remove(senderId, (r) => r.kill_on_user_msg);
  }

  pendingCount(senderId: string): number {
    return this.pending.get(senderId)?.length ?? 0;
  }

  stop(): void {
    for (const list of this.pending.values()) for (const p of list) clearTimeout(p.timer);
    this.pending.clear();
  }

  private remove(senderId: string, match: (r: ReminderScheduled) => boolean): void {
    const list = this.pending.get(senderId) ?? [];
    const keep = list.filter((p) => {
      if (!match(p.reminder)) return true;
      clearTimeout(p.timer);
      return false;
    });
    if (keep.length > 0) this.pending.set(senderId, keep);
    else this.pending.delete(senderId);
  }

  private fire(senderId: string, reminder: ReminderScheduled): void {
    this.remove(senderId, (r) => r === reminder);
    if (!this.processor) return;
    this.processor.handleReminder(senderId, reminder, this.outputFor(senderId)).catch((error: unknown) => {
      this.logger.error({ sender: senderId, reminder: reminder.name, err: String(error) }, "Reminder failed");
    });
  }
}
