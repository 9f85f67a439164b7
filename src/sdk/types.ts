/**
 * @module sdk/types
 * The JSON Rasa (and Confab) sends to an action server and expects back (`rasa-protocol.md` §4).
 * The SDK is self-contained: it imports nothing from the rest of Confab, so it also works behind Rasa.
 */

/** One event as JSON (`{"event": "slot", "name": ..., "value": ...}`); see Rasa's event reference. */
export interface EventJson {
  event: string;
  timestamp?: number | null;
  [key: string]: unknown;
}

export interface EntityJson {
  entity: string;
  value: unknown;
  role?: string;
  group?: string;
  start?: number;
  end?: number;
  [key: string]: unknown;
}

export interface LatestMessageJson {
  text?: string | null;
  intent?: { name?: string; confidence?: number; [key: string]: unknown };
  entities?: EntityJson[];
  [key: string]: unknown;
}

export interface TrackerJson {
  sender_id: string;
  slots: Record<string, unknown>;
  latest_message?: LatestMessageJson | null;
  events?: EventJson[] | null;
  paused?: boolean;
  followup_action?: string | null;
  active_loop?: { name?: string | null; [key: string]: unknown } | null;
  latest_action_name?: string | null;
  latest_input_channel?: string | null;
  latest_event_time?: number | null;
  [key: string]: unknown;
}

/** The domain as Rasa serialises it (`Domain.as_dict()`); absent with selective domain sending. */
export interface DomainJson {
  slots?: Record<string, { type?: string; mappings?: unknown[]; [key: string]: unknown }>;
  forms?: Record<string, { required_slots?: string[]; [key: string]: unknown }>;
  responses?: Record<string, unknown[]>;
  actions?: unknown[];
  [key: string]: unknown;
}

/** `POST /webhook` body. */
export interface ActionRequest {
  next_action: string;
  sender_id?: string;
  tracker: TrackerJson;
  domain?: DomainJson;
  version?: string;
}

/** One entry of an answer's `responses`, in rasa-sdk 3.x's shape. */
export interface ResponseJson {
  text?: string | null;
  buttons?: { title: string; payload: string; [key: string]: unknown }[];
  elements?: unknown[];
  custom?: Record<string, unknown>;
  template?: string | null;
  response?: string | null;
  image?: string | null;
  attachment?: unknown;
  [key: string]: unknown;
}

export interface ActionResponse {
  events: EventJson[];
  responses: ResponseJson[];
}
