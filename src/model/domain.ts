/**
 * @module model/domain
 * The assistant's domain (Rasa 3.x `domain.yml`, `rasa-protocol.md` §6), normalised.
 * Keys use Rasa's YAML/JSON names so `GET /domain` and the action server see familiar shapes.
 */
import type { Button } from "./messages.js";

export interface IntentDef {
  name: string;
  /** `true` = all entities (Rasa's default); a list = only those. */
  use_entities: true | string[];
  ignore_entities: string[];
  /** Retrieval intents (`chitchat`) are listed by base name and marked here once NLU data shows `chitchat/...`. */
  is_retrieval_intent?: boolean;
}

export interface EntityDef {
  name: string;
  roles: string[];
  groups: string[];
  influence_conversation: boolean;
}

export type SlotType = "text" | "bool" | "categorical" | "float" | "list" | "any";

export interface SlotMappingCondition {
  active_loop: string | null;
  requested_slot?: string | null;
}

export interface SlotMapping {
  type: "from_entity" | "from_text" | "from_intent" | "from_trigger_intent" | "custom";
  entity?: string;
  role?: string;
  group?: string;
  intent?: string[];
  not_intent?: string[];
  value?: unknown;
  action?: string;
  conditions?: SlotMappingCondition[];
}

export interface SlotDef {
  name: string;
  type: SlotType;
  initial_value: unknown;
  influence_conversation: boolean;
  mappings: SlotMapping[];
  /** categorical only; Rasa appends `__other__`. */
  values?: string[];
  /** float only; Rasa defaults 0.0 .. 1.0. */
  min_value?: number;
  max_value?: number;
}

export interface ResponseCondition {
  type: "slot";
  name: string;
  value: unknown;
}

export interface ResponseVariation {
  text?: string;
  buttons?: Button[];
  quick_replies?: Button[];
  image?: string;
  custom?: unknown;
  attachment?: unknown;
  elements?: unknown[];
  condition?: ResponseCondition[];
  channel?: string;
  id?: string;
  metadata?: Record<string, unknown>;
}

export interface FormDef {
  required_slots: string[];
  ignored_intents: string[];
}

export interface SessionConfig {
  /** Minutes; 0 means sessions never expire. */
  session_expiration_time: number;
  carry_over_slots_to_new_session: boolean;
}

export interface Domain {
  version: string;
  intents: IntentDef[];
  entities: EntityDef[];
  /** In declaration order; includes Rasa's auto-added slots (`requested_slot`, `session_started_metadata`). */
  slots: SlotDef[];
  responses: Record<string, ResponseVariation[]>;
  /** Custom (user-declared) action names, in order, as listed under `actions:`. */
  actions: string[];
  /** Actions declared `- action_x: {send_domain: true}`. */
  actions_send_domain: string[];
  forms: Record<string, FormDef>;
  session_config: SessionConfig;
  config: { store_entities_as_slots: boolean };
  /** Bot texts used in e2e stories (`bot:` steps). */
  e2e_actions: string[];
}

/** Intents every Rasa 3.x domain has (`rasa-protocol.md` §6.1). */
export const DEFAULT_INTENTS = ["restart", "back", "out_of_scope", "session_start", "nlu_fallback"] as const;

/** Default actions, in Rasa 3.x order (`rasa/shared/core/constants.py` DEFAULT_ACTION_NAMES). */
export const DEFAULT_ACTIONS = [
  "action_listen",
  "action_restart",
  "action_session_start",
  "action_default_fallback",
  "action_deactivate_loop",
  "action_revert_fallback_events",
  "action_default_ask_affirmation",
  "action_default_ask_rephrase",
  "action_two_stage_fallback",
  "action_unlikely_intent",
  "action_back",
  "action_send_text",
  "action_extract_slots",
] as const;

export const REQUESTED_SLOT = "requested_slot";
export const SESSION_STARTED_METADATA_SLOT = "session_started_metadata";

/**
 * Every action name the policies can predict, in a stable order:
 * default actions, then user actions, response actions, forms (Rasa's `action_names_or_texts` minus e2e texts).
 */
export function allActionNames(domain: Domain): string[] {
  const names = new Set<string>(DEFAULT_ACTIONS);
  for (const a of domain.actions) names.add(a);
  for (const r of Object.keys(domain.responses)) {
    // Retrieval sub-responses (`utter_chitchat/ask_name`) are reached through `utter_chitchat`.
    names.add(r.includes("/") ? r.slice(0, r.indexOf("/")) : r);
  }
  for (const f of Object.keys(domain.forms)) names.add(f);
  return [...names];
}

export function intentNames(domain: Domain): string[] {
  return domain.intents.map((i) => i.name);
}

export function findSlot(domain: Domain, name: string): SlotDef | undefined {
  return domain.slots.find((s) => s.name === name);
}

/** Initial slot values, as `reset_slots` and a new tracker have them. */
export function initialSlotValues(domain: Domain): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  for (const s of domain.slots) slots[s.name] = s.initial_value ?? null;
  return slots;
}
