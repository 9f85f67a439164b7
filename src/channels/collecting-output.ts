/**
 * @module channels/collecting-output
 * Rasa's CollectingOutputChannel: gathers the turn's messages so a request/response channel
 * (REST, HTTP API) can return them in its body.
 */
import { collectMessages } from "../actions/responses/index.js";
import type { BotMessage, BotUttered } from "../model/index.js";
import type { OutputChannel } from "../ports/index.js";

export class CollectingOutputChannel implements OutputChannel {
  readonly name = "collector";
  readonly messages: BotMessage[] = [];

  sendResponse(recipientId: string, message: BotUttered): Promise<void> {
    this.messages.push(...collectMessages(message, recipientId));
    return Promise.resolve();
  }
}
