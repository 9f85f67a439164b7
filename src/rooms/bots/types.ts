/**
 * @module rooms/bots/types
 * How a room talks to its bot. Each room is one bot conversation whose id is the room link.
 * Replies arrive asynchronously through a `ReplySink` (the turn's output channel for in-process
 * bots, the callback channel for remote ones).
 */
import type { Event } from "../../model/index.js";
import type { Rule, Story } from "../../model/training.js";

export interface Speaker {
  id: string;
  name: string;
}

export interface BotRoom {
  link: string;
  name: string;
  botType: string;
}

export interface BotReply {
  text: string | null;
  data: Record<string, unknown>;
}

export type ReplySink = (conversationId: string, reply: BotReply) => void;

export interface BotConnector {
  /** Room became active: tell the bot its type and who is in the room. */
  activate(room: BotRoom, roster: Speaker[]): Promise<void>;
  /** One human message; the connector marks the speaker before the bot sees the text. */
  message(room: BotRoom, speaker: Speaker, text: string, roster: Speaker[], messageId: string): Promise<void>;
  /** The conversation's events (for the CSV log); null when there is none. */
  events(conversationId: string): Promise<Event[] | null>;
  deleteConversation(conversationId: string): Promise<boolean>;
  /** Stories and rules the bot was trained on, when known (names rows in the CSV log). */
  trainingStories(): { stories: Story[]; rules: Rule[] } | null;
  close(): Promise<void>;
}

/** Metadata keys on every user message the rooms service sends to a bot. */
export const SPEAKER_KEY = "speaker";
export const ROSTER_KEY = "room_users";
