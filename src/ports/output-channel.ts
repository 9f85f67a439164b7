/**
 * @module ports/output-channel
 * Where bot messages go during a turn. Channels implement it; the turn processor only calls it.
 */
import type { BotUttered } from "../model/index.js";

export interface OutputChannel {
  /** Channel name as Rasa reports it (`collector`, `rest`, `socketio`, ...). */
  readonly name: string;
  /** Called once per `bot` event, right after the action that produced it (Rasa flushes per action). */
  sendResponse(recipientId: string, message: BotUttered): Promise<void>;
}
