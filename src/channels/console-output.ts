/**
 * @module channels/console-output
 * Prints bot messages in a terminal the way Rasa's shell does: text, then numbered buttons
 * (`1: great (/mood_great)`), images as their URL, custom payloads as JSON.
 */
import type { BotUttered } from "../model/index.js";
import type { OutputChannel } from "../ports/index.js";
import { collectMessages } from "../actions/responses/index.js";

export class ConsoleOutputChannel implements OutputChannel {
  readonly name = "cmdline";
  /** Buttons of the last message, so the user can answer with their number. */
  lastButtons: { title: string; payload: string }[] = [];

  constructor(private readonly write: (line: string) => void) {}

  sendResponse(recipientId: string, message: BotUttered): Promise<void> {
    for (const m of collectMessages(message, recipientId)) {
      if (m.text !== undefined) this.write(m.text);
      const buttons = m.buttons ?? m.quick_replies;
      if (buttons && buttons.length > 0) {
        this.lastButtons = buttons;
        buttons.forEach((b, i) => this.write(`${i + 1}: ${b.title} (${b.payload})`));
      }
      if (m.image !== undefined) this.write(`Image: ${m.image}`);
      if (m.attachment !== undefined) this.write(`Attachment: ${JSON.stringify(m.attachment)}`);
      if (m.custom !== undefined) this.write(JSON.stringify(m.custom));
    }
    return Promise.resolve();
  }
}
