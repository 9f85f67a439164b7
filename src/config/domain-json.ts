/**
 * @module config/domain-json
 * `Domain` → the JSON Rasa serves at `GET /domain` and sends to the action server (`Domain.as_dict()`,
 * `rasa-protocol.md` §6.9), and → `domain.yml` text. Intents are written as `{"name": {"use_entities": …}}`,
 * entities with roles/groups as `{"name": {...}}`, slots as a map keyed by name.
 */
import { stringify } from "yaml";
import { REQUESTED_SLOT, SESSION_STARTED_METADATA_SLOT } from "../model/domain.js";
import type { Domain, SlotDef } from "../model/domain.js";
import { CATEGORICAL_OTHER } from "./domain-slots.js";

export interface DomainJson {
  version: string;
  config: { store_entities_as_slots: boolean };
  session_config: { session_expiration_time: number; carry_over_slots_to_new_session: boolean };
  intents: Record<string, Record<string, unknown>>[];
  entities: (string | Record<string, Record<string, unknown>>)[];
  slots: Record<string, Record<string, unknown>>;
  responses: Domain["responses"];
  actions: (string | Record<string, { send_domain: boolean }>)[];
  forms: Record<string, Record<string, unknown>>;
  e2e_actions: string[];
}

export function domainToJson(domain: Domain): DomainJson {
  return {
    version: domain.version,
    config: { store_entities_as_slots: domain.config.store_entities_as_slots },
    session_config: { ...domain.session_config },
    intents: domain.intents.map((i) => {
      const props: Record<string, unknown> = { use_entities: i.use_entities === true ? true : [...i.use_entities] };
      if (i.ignore_entities.length > 0) props.ignore_entities = [...i.ignore_entities];
      if (i.is_retrieval_intent) props.is_retrieval_intent = true;
      return { [i.name]: props };
    }),
    entities: domain.entities.map((e) => {
      const props: Record<string, unknown> = {};
      if (e.roles.length > 0) props.roles = [...e.roles];
      if (e.groups.length > 0) props.groups = [...e.groups];
      if (!e.influence_conversation) props.influence_conversation = false;
      return Object.keys(props).length > 0 ? { [e.name]: props } : e.name;
    }),
    slots: Object.fromEntries(domain.slots.map((s) => [s.name, slotJson(s)])),
    responses: structuredClone(domain.responses),
    actions: domain.actions.map((a) => (domain.actions_send_domain.includes(a) ? { [a]: { send_domain: true } } : a)),
    forms: Object.fromEntries(
      Object.entries(domain.forms).map(([name, f]) => {
        const props: Record<string, unknown> = { required_slots: [...f.required_slots] };
        if (f.ignored_intents.length > 0) props.ignored_intents = [...f.ignored_intents];
        return [name, props];
      }),
    ),
    e2e_actions: [...domain.e2e_actions],
  };
}

function slotJson(s: SlotDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: s.type,
    initial_value: s.initial_value,
    influence_conversation: s.influence_conversation,
    mappings: structuredClone(s.mappings),
  };
  // Rasa's CategoricalSlot serialises its values without the implicit catch-all.
  if (s.values) out.values = s.values.filter((v) => v !== CATEGORICAL_OTHER);
  if (s.min_value !== undefined) out.min_value = s.min_value;
  if (s.max_value !== undefined) out.max_value = s.max_value;
  return out;
}

/** Whether a slot is one Rasa adds by itself (so it is not written back to `domain.yml`). */
function isImplicitSlot(s: SlotDef): boolean {
  const implicit = s.name === SESSION_STARTED_METADATA_SLOT || s.name === REQUESTED_SLOT;
  return implicit && s.mappings.length === 0 && !s.influence_conversation && s.initial_value === null;
}

/** `domain.yml` text that loads back into the same domain. */
export function domainToYaml(domain: Domain): string {
  const json = domainToJson({ ...domain, slots: domain.slots.filter((s) => !isImplicitSlot(s)) });
  const out: Record<string, unknown> = { ...json };
  if (json.e2e_actions.length === 0) delete out.e2e_actions;
  return stringify(out, { lineWidth: 0, defaultStringType: "PLAIN" });
}
