/**
 * @module model/events
 * Rasa 3.x tracker events as plain data. Each interface *is* its wire JSON
 * (`rasa-protocol.md` §3.2): keys and nullability follow Rasa's `as_dict()`.
 */
import type { ParseResult } from "./messages.js";

interface EventBase {
  timestamp: number;
  /** Omitted from JSON when empty, except on `user` and `bot` events (Rasa's `as_dict`). */
  metadata?: Record<string, unknown>;
}

export interface UserUttered extends EventBase {
  event: "user";
  text: string | null;
  parse_data: ParseResult;
  input_channel: string | null;
  message_id: string | null;
}

export interface BotData {
  elements?: unknown;
  quick_replies?: unknown;
  buttons?: unknown;
  attachment?: unknown;
  image?: unknown;
  custom?: unknown;
}

export interface BotUttered extends EventBase {
  event: "bot";
  text: string | null;
  data: BotData;
}

export interface ActionExecuted extends EventBase {
  event: "action";
  name: string | null;
  policy: string | null;
  confidence: number | null;
  action_text?: string | null;
  hide_rule_turn?: boolean;
}

export interface SlotSet extends EventBase {
  event: "slot";
  name: string;
  value: unknown;
}

export interface AllSlotsReset extends EventBase {
  event: "reset_slots";
}
export interface Restarted extends EventBase {
  event: "restart";
}
export interface SessionStarted extends EventBase {
  event: "session_started";
}
export interface FollowupAction extends EventBase {
  event: "followup";
  name: string;
}
export interface ReminderScheduled extends EventBase {
  event: "reminder";
  intent: string;
  date_time: string;
  entities: unknown;
  name: string;
  kill_on_user_msg: boolean;
}
export interface ReminderCancelled extends EventBase {
  event: "cancel_reminder";
  name?: string | null;
  intent?: string | null;
  entities?: unknown;
}
export interface ConversationPaused extends EventBase {
  event: "pause";
}
export interface ConversationResumed extends EventBase {
  event: "resume";
}
export interface ActionReverted extends EventBase {
  event: "undo";
}
export interface UserUtteranceReverted extends EventBase {
  event: "rewind";
}
export interface ActiveLoop extends EventBase {
  event: "active_loop";
  name: string | null;
}
export interface LoopInterrupted extends EventBase {
  event: "loop_interrupted";
  is_interrupted: boolean;
}
export interface ActionExecutionRejected extends EventBase {
  event: "action_execution_rejected";
  name: string;
  policy: string | null;
  confidence: number | null;
}
export interface DefinePrevUserUtteredFeaturization extends EventBase {
  event: "user_featurization";
  use_text_for_featurization: boolean;
}
export interface EntitiesAdded extends EventBase {
  event: "entities";
  entities: ParseResult["entities"];
}
export interface StoryExported extends EventBase {
  event: "export";
  path: string | null;
}
export interface AgentUttered extends EventBase {
  event: "agent";
  text: string | null;
  data: unknown;
}

export type Event =
  | UserUttered
  | BotUttered
  | ActionExecuted
  | SlotSet
  | AllSlotsReset
  | Restarted
  | SessionStarted
  | FollowupAction
  | ReminderScheduled
  | ReminderCancelled
  | ConversationPaused
  | ConversationResumed
  | ActionReverted
  | UserUtteranceReverted
  | ActiveLoop
  | LoopInterrupted
  | ActionExecutionRejected
  | DefinePrevUserUtteredFeaturization
  | EntitiesAdded
  | StoryExported
  | AgentUttered;

export type EventType = Event["event"];
