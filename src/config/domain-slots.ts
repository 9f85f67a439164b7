/**
 * @module config/domain-slots
 * `slots:` (`rasa-protocol.md` §6.3) → `SlotDef[]`, with Rasa 3.x defaults: `influence_conversation` true except
 * for `any`, float range 0.0..1.0, categorical values lower-cased plus `__other__`, mappings required.
 */
import type { SlotDef, SlotMapping, SlotMappingCondition, SlotType } from "../model/domain.js";
import { warnUnknownKeys } from "./yaml-source.js";
import type { Cursor } from "./yaml-source.js";

export const CATEGORICAL_OTHER = "__other__";

const SLOT_TYPES: readonly SlotType[] = ["text", "bool", "categorical", "float", "list", "any"];
/** Rasa also resolves its own slot classes by module path. */
const CLASS_PATHS: Record<string, SlotType> = {
  "rasa.shared.core.slots.TextSlot": "text",
  "rasa.shared.core.slots.BooleanSlot": "bool",
  "rasa.shared.core.slots.CategoricalSlot": "categorical",
  "rasa.shared.core.slots.FloatSlot": "float",
  "rasa.shared.core.slots.ListSlot": "list",
  "rasa.shared.core.slots.AnySlot": "any",
};
const SLOT_KEYS = ["type", "influence_conversation", "initial_value", "mappings", "values", "min_value", "max_value"];
const MAPPING_TYPES: readonly SlotMapping["type"][] = [
  "from_entity",
  "from_text",
  "from_intent",
  "from_trigger_intent",
  "custom",
];
const MAPPING_KEYS = ["type", "entity", "role", "group", "intent", "not_intent", "value", "action", "conditions"];

export function parseSlots(section: Cursor, warnings: string[]): SlotDef[] {
  section.expectMap("slots", true);
  return section.entries().map(({ key, value }) => parseSlot(key, value, warnings));
}

/** The slot's type; `custom` is true for a user slot class we can only treat as `any`. */
function slotType(name: string, node: Cursor | undefined, slot: Cursor, warnings: string[]): [SlotType, boolean] {
  if (!node || node.isNull()) throw slot.error(`slot '${name}' has no 'type'`);
  const raw = node.text("slot type");
  if ((SLOT_TYPES as readonly string[]).includes(raw)) return [raw as SlotType, false];
  const byPath = CLASS_PATHS[raw];
  if (byPath) return [byPath, false];
  if (raw === "unfeaturized") {
    throw node.error(`slot type 'unfeaturized' was removed in Rasa 3.0; use 'any' or influence_conversation: false`);
  }
  if (raw.includes(".")) {
    warnings.push(node.warning(`custom slot class '${raw}' cannot be loaded; slot '${name}' is treated as 'any'`));
    return ["any", true];
  }
  throw node.error(`slot '${name}' has unknown type '${raw}' (expected one of ${SLOT_TYPES.join(", ")})`);
}

function parseSlot(name: string, c: Cursor, warnings: string[]): SlotDef {
  c.expectMap(`slot '${name}'`);
  warnUnknownKeys(c, SLOT_KEYS, `slot '${name}'`, warnings);
  const [type, custom] = slotType(name, c.get("type"), c, warnings);

  const inflNode = c.get("influence_conversation");
  const influence = inflNode ? inflNode.bool("influence_conversation", type !== "any") : type !== "any";
  if (type === "any" && influence && !custom) {
    throw (inflNode ?? c).error(`slot '${name}' of type 'any' cannot influence the conversation`);
  }

  const slot: SlotDef = {
    name,
    type,
    initial_value: c.get("initial_value")?.js() ?? null,
    influence_conversation: custom ? false : influence,
    mappings: [],
  };

  const mappings = c.get("mappings");
  if (!mappings || mappings.isNull()) {
    warnings.push(
      c.warning(`slot '${name}' has no 'mappings' (required since Rasa 3.0); it can only be set by actions`),
    );
  } else {
    slot.mappings = mappings
      .expectSeq("mappings")
      .items()
      .map((m) => parseMapping(name, m, warnings));
  }

  if (type === "categorical") {
    const values = c.get("values");
    const list = values && !values.isNull() ? (values.expectSeq("values").js() as unknown[]) : [];
    // Rasa's CategoricalSlot stores values lower-cased and adds a catch-all value for featurization.
    const lowered = list.map((v) => String(v).toLowerCase());
    if (!lowered.includes(CATEGORICAL_OTHER)) lowered.push(CATEGORICAL_OTHER);
    slot.values = lowered;
  }
  if (type === "float") {
    slot.min_value = c.get("min_value")?.num("min_value", 0) ?? 0;
    slot.max_value = c.get("max_value")?.num("max_value", 1) ?? 1;
    if (slot.min_value >= slot.max_value) {
      throw c.error(`float slot '${name}' has min_value ${slot.min_value} not below max_value ${slot.max_value}`);
    }
    const init = slot.initial_value;
    if (typeof init === "number" && (init < slot.min_value || init > slot.max_value)) {
      warnings.push(c.warning(`initial_value of float slot '${name}' is outside its min_value..max_value range`));
    }
  }
  return slot;
}

function intentList(c: Cursor | undefined, what: string): string[] | undefined {
  if (!c || c.isNull()) return undefined;
  if (c.kind() === "scalar") return [c.text(what)];
  return c
    .expectSeq(what)
    .items()
    .map((i) => i.text(what));
}

function parseMapping(slot: string, m: Cursor, warnings: string[]): SlotMapping {
  m.expectMap(`a mapping of slot '${slot}'`);
  warnUnknownKeys(m, MAPPING_KEYS, `slot mapping of '${slot}'`, warnings);
  const typeNode = m.get("type");
  if (!typeNode) throw m.error(`slot mapping of '${slot}' has no 'type'`);
  const type = typeNode.str("mapping type");
  if (!(MAPPING_TYPES as readonly string[]).includes(type)) {
    throw typeNode.error(`slot '${slot}' has unknown mapping type '${type}' (expected ${MAPPING_TYPES.join(", ")})`);
  }
  const out: SlotMapping = { type: type as SlotMapping["type"] };
  const entity = m.get("entity");
  if (entity && !entity.isNull()) out.entity = entity.text("entity");
  if (type === "from_entity" && !out.entity) throw m.error(`from_entity mapping of slot '${slot}' needs 'entity'`);
  for (const key of ["role", "group", "action"] as const) {
    const c = m.get(key);
    if (c && !c.isNull()) out[key] = c.text(key);
  }
  const intent = intentList(m.get("intent"), "intent");
  if (intent) out.intent = intent;
  const notIntent = intentList(m.get("not_intent"), "not_intent");
  if (notIntent) out.not_intent = notIntent;
  if (m.has("value")) out.value = m.get("value")?.js() ?? null;
  if (type === "from_intent" && (out.value === undefined || out.value === null)) {
    throw m.error(`from_intent mapping of slot '${slot}' needs a 'value'`);
  }
  const conditions = m.get("conditions");
  if (conditions && !conditions.isNull()) {
    out.conditions = conditions
      .expectSeq("conditions")
      .items()
      .map((cond) => parseCondition(cond, warnings));
  }
  return out;
}

function parseCondition(c: Cursor, warnings: string[]): SlotMappingCondition {
  c.expectMap("a mapping condition");
  warnUnknownKeys(c, ["active_loop", "requested_slot"], "mapping condition", warnings);
  const loop = c.get("active_loop");
  const out: SlotMappingCondition = { active_loop: loop && !loop.isNull() ? loop.text("active_loop") : null };
  const req = c.get("requested_slot");
  if (req) out.requested_slot = req.isNull() ? null : req.text("requested_slot");
  return out;
}
