/**
 * @module model/messages
 * Message shapes shared by NLU, the turn processor and channels. Field names are Rasa's wire names.
 */

/** One extracted entity, as it appears in Rasa's ParseResult (`rasa-protocol.md` §1.5). */
export interface ExtractedEntity {
  entity: string;
  value: unknown;
  start?: number;
  end?: number;
  confidence_entity?: number;
  extractor?: string;
  role?: string | null;
  group?: string | null;
  processors?: string[];
  additional_info?: unknown;
  text?: string;
}

export interface IntentPrediction {
  name: string;
  confidence: number;
  /** Set for retrieval intents (`chitchat/ask_name`) by the response selector. */
  full_retrieval_intent_name?: string;
}

/** Rasa's ParseResult (`/model/parse`, `latest_message`, `user.parse_data`). */
export interface ParseResult {
  text: string;
  intent: IntentPrediction | Record<string, never>;
  entities: ExtractedEntity[];
  intent_ranking?: IntentPrediction[];
  response_selector?: Record<string, unknown>;
  message_id?: string | null;
  metadata?: Record<string, unknown>;
  text_tokens?: [number, number][];
}

export interface Button {
  title: string;
  payload: string;
  [key: string]: unknown;
}

/**
 * A message the bot sends, in the shape Rasa's CollectingOutputChannel collects
 * (`recipient_id`, then only the fields that are set).
 */
export interface BotMessage {
  recipient_id: string;
  text?: string;
  buttons?: Button[];
  quick_replies?: Button[];
  image?: string;
  attachment?: unknown;
  custom?: unknown;
  elements?: unknown[];
}

/** A message arriving from a channel (Rasa's `UserMessage`). */
export interface UserMessage {
  text: string;
  senderId: string;
  inputChannel: string;
  messageId?: string;
  metadata?: Record<string, unknown>;
  /** Parse data supplied by the caller: skips NLU (`/conversations/{id}/messages`). */
  parseData?: ParseResult;
}
