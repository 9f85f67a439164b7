/**
 * @module channels/message-handler
 * The single entry point every channel calls (hono's `app.fetch` idea): a message in, bot
 * messages out through the given output channel.
 */
import type { UserMessage } from "../model/index.js";
import type { OutputChannel } from "../ports/index.js";

export type MessageHandler = (message: UserMessage, output: OutputChannel) => Promise<void>;
