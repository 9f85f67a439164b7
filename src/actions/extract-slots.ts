/**
 * @module actions/extract-slots
 * `action_extract_slots` (Rasa 3.x, `rasa-protocol.md` §4.4): after every user message, fill slots
 * from their `mappings`. Custom mappings with an `action` are run by the caller-supplied hook
 * (the action-server issue wires it); mappings without an action are left to custom actions.
 */
import { latestIntent } from "../model/index.js";
import type { Domain, Event, ExtractedEntity, SlotDef, SlotMapping, Tracker } from "../model/index.js";

function intentAllowed(mapping: SlotMapping, intent: string | null, ignoredIntents: string[]): boolean {
  if (mapping.intent && mapping.intent.length > 0 && (!intent || !mapping.intent.includes(intent))) return false;
  const notIntent = [...(mapping.not_intent ?? []), ...ignoredIntents];
  return !(intent && notIntent.includes(intent));
}

function conditionsMatch(mapping: SlotMapping, tracker: Tracker): boolean {
  if (!mapping.conditions || mapping.conditions.length === 0) return true;
  const activeLoop = tracker.state.activeLoop?.name ?? null;
  const requested = tracker.state.slots.requested_slot ?? null;
  return mapping.conditions.some(
    (c) => c.active_loop === activeLoop && (c.requested_slot === undefined || c.requested_slot === requested),
  );
}

function matchingEntities(mapping: SlotMapping, entities: ExtractedEntity[]): ExtractedEntity[] {
  return entities.filter(
    (e) =>
      e.entity === mapping.entity &&
      (mapping.role === undefined || e.role === mapping.role) &&
      (mapping.group === undefined || e.group === mapping.group),
  );
}

/** Rasa only fills a slot from an entity inside a form if the entity maps to no other slot of that form. */
function isUniqueEntityMapping(slot: SlotDef, mapping: SlotMapping, domain: Domain, activeLoop: string): boolean {
  const form = domain.forms[activeLoop];
  if (!form) return true;
  const requested = form.required_slots;
  return !domain.slots.some(
    (other) =>
      other.name !== slot.name &&
      requested.includes(other.name) &&
      other.mappings.some((m) => m.type === "from_entity" && m.entity === mapping.entity),
  );
}

/** The value a mapping yields, or `undefined` when it does not apply. */
function valueFromMapping(slot: SlotDef, mapping: SlotMapping, tracker: Tracker, domain: Domain): unknown {
  const message = tracker.state.latestMessage;
  if (!message) return undefined;
  const intent = latestIntent(tracker.state);
  const activeLoop = tracker.state.activeLoop?.name ?? null;
  const ignored = activeLoop ? (domain.forms[activeLoop]?.ignored_intents ?? []) : [];
  if (!intentAllowed(mapping, intent, ignored) || !conditionsMatch(mapping, tracker)) return undefined;
  switch (mapping.type) {
    case "from_entity": {
      if (activeLoop && tracker.state.slots.requested_slot !== slot.name) {
        if (!isUniqueEntityMapping(slot, mapping, domain, activeLoop)) return undefined;
      }
      const values = matchingEntities(mapping, message.parse_data.entities).map((e) => e.value);
      if (values.length === 0) return undefined;
      return slot.type === "list" ? values : values[values.length - 1];
    }
    case "from_text":
      return message.text ?? undefined;
    case "from_intent":
      return mapping.value;
    case "from_trigger_intent":
      // Only while the form that this intent activated is starting (Rasa: value set on activation).
      return activeLoop === null ? undefined : mapping.value;
    case "custom":
      return undefined;
  }
}

/** Slot events produced by the domain's slot mappings for the latest user message. */
export function extractSlots(tracker: Tracker, domain: Domain, now: number): Event[] {
  const events: Event[] = [];
  for (const slot of domain.slots) {
    for (const mapping of slot.mappings) {
      const value = valueFromMapping(slot, mapping, tracker, domain);
      if (value === undefined) continue;
      const current = tracker.state.slots[slot.name];
      if (JSON.stringify(current) !== JSON.stringify(value)) {
        events.push({ event: "slot", timestamp: now, name: slot.name, value });
      }
      break;
    }
  }
  return events;
}
