/**
 * @module config/domain-parts
 * One domain file → a `DomainPart` (intents, entities, actions, forms, …) with positions kept for merge conflicts.
 * Shapes follow `rasa-protocol.md` §6 and Rasa's domain schema.
 */
import type { Domain, EntityDef, FormDef, IntentDef } from "../model/domain.js";
import { parseResponses } from "./responses.js";
import { parseSlots } from "./domain-slots.js";
import { warnUnknownKeys } from "./yaml-source.js";
import type { Cursor } from "./yaml-source.js";

export const DOMAIN_KEYS = [
  "version",
  "intents",
  "entities",
  "slots",
  "responses",
  "actions",
  "forms",
  "session_config",
  "config",
  "e2e_actions",
];

/** One domain file's content: the Domain's lists and maps, with session settings optional until merged. */
export interface DomainPart extends Pick<
  Domain,
  "intents" | "entities" | "slots" | "responses" | "actions" | "actions_send_domain" | "forms" | "e2e_actions"
> {
  version?: string;
  session_expiration_time?: number;
  carry_over_slots_to_new_session?: boolean;
  store_entities_as_slots?: boolean;
  /** Where each slot / response / form was defined (`slots.x`, `responses.utter_x`, `forms.f`). */
  where: Map<string, Cursor>;
}

export function emptyDomainPart(): DomainPart {
  return {
    intents: [],
    entities: [],
    slots: [],
    responses: {},
    actions: [],
    actions_send_domain: [],
    forms: {},
    e2e_actions: [],
    where: new Map(),
  };
}

export function parseDomainPart(root: Cursor, warnings: string[]): DomainPart {
  root.expectMap("the domain", true);
  warnUnknownKeys(root, DOMAIN_KEYS, "domain", warnings);
  const part = emptyDomainPart();
  const version = root.get("version");
  if (version && !version.isNull()) part.version = version.text("version");

  const intents = root.get("intents");
  if (intents && !intents.isNull()) part.intents = parseIntents(intents.expectSeq("intents"), warnings);
  const entities = root.get("entities");
  if (entities && !entities.isNull()) part.entities = parseEntities(entities.expectSeq("entities"), warnings);

  const slots = root.get("slots");
  if (slots) {
    part.slots = parseSlots(slots, warnings);
    for (const e of slots.entries()) part.where.set(`slots.${e.key}`, e.value);
  }
  const responses = root.get("responses");
  if (responses) {
    part.responses = parseResponses(responses, warnings);
    for (const e of responses.entries()) part.where.set(`responses.${e.key}`, e.value);
  }
  const actions = root.get("actions");
  if (actions && !actions.isNull()) parseActions(actions.expectSeq("actions"), part);
  const forms = root.get("forms");
  if (forms) {
    forms.expectMap("forms", true);
    for (const e of forms.entries()) {
      part.forms[e.key] = parseForm(e.key, e.value, warnings);
      part.where.set(`forms.${e.key}`, e.value);
    }
  }

  const session = root.get("session_config");
  if (session && !session.isNull()) {
    session.expectMap("session_config");
    warnUnknownKeys(
      session,
      ["session_expiration_time", "carry_over_slots_to_new_session"],
      "session_config",
      warnings,
    );
    const time = session.get("session_expiration_time");
    if (time && !time.isNull()) {
      part.session_expiration_time = time.num("session_expiration_time", 60);
      if (part.session_expiration_time < 0) throw time.error("session_expiration_time must not be negative");
    }
    const carry = session.get("carry_over_slots_to_new_session");
    if (carry && !carry.isNull())
      part.carry_over_slots_to_new_session = carry.bool("carry_over_slots_to_new_session", true);
  }
  const config = root.get("config");
  if (config && !config.isNull()) {
    config.expectMap("config");
    warnUnknownKeys(config, ["store_entities_as_slots"], "domain config", warnings);
    const store = config.get("store_entities_as_slots");
    if (store && !store.isNull()) part.store_entities_as_slots = store.bool("store_entities_as_slots", true);
  }
  const e2e = root.get("e2e_actions");
  if (e2e && !e2e.isNull())
    part.e2e_actions = e2e
      .expectSeq("e2e_actions")
      .items()
      .map((c) => c.text("e2e action"));
  return part;
}

/** A list item written as `- name` or `- name: {...}`: its name and the options node (undefined for `- name`). */
function namedItem(item: Cursor, what: string): [string, Cursor | undefined] {
  if (item.kind() === "scalar") return [item.text(what), undefined];
  item.expectMap(`each ${what}`);
  const entries = item.entries();
  const first = entries[0];
  if (entries.length !== 1 || !first)
    throw item.error(`each ${what} must be a name or a single 'name: {options}' pair`);
  if (first.value.isNull()) {
    // Rasa rejects `- greet:` with nothing after the colon.
    throw first.value.error(`${what} '${first.key}' has a ':' but no options; remove the ':'`);
  }
  return [first.key, first.value.expectMap(`options of ${what} '${first.key}'`)];
}

function stringList(c: Cursor | undefined, what: string): string[] {
  if (!c || c.isNull()) return [];
  if (c.kind() === "scalar") return [c.text(what)];
  return c
    .expectSeq(what)
    .items()
    .map((i) => i.text(what));
}

function parseIntents(seq: Cursor, warnings: string[]): IntentDef[] {
  const out: IntentDef[] = [];
  for (const item of seq.items()) {
    const [name, opts] = namedItem(item, "intent");
    if (out.some((i) => i.name === name)) throw item.error(`intent '${name}' is listed more than once`);
    const def: IntentDef = { name, use_entities: true, ignore_entities: [] };
    if (opts) {
      warnUnknownKeys(opts, ["use_entities", "ignore_entities", "is_retrieval_intent"], `intent '${name}'`, warnings);
      const use = opts.get("use_entities");
      // `use_entities: true` keeps all entities; false, null or [] keeps none (Rasa's `_reset_intent_flags`).
      if (use && !(use.kind() === "scalar" && use.js() === true)) {
        def.use_entities = use.kind() === "scalar" && use.js() === false ? [] : stringList(use, "use_entities");
      }
      def.ignore_entities = stringList(opts.get("ignore_entities"), "ignore_entities");
      if (opts.get("is_retrieval_intent")?.bool("is_retrieval_intent", false)) def.is_retrieval_intent = true;
    }
    out.push(def);
  }
  return out;
}

function parseEntities(seq: Cursor, warnings: string[]): EntityDef[] {
  return seq.items().map((item) => {
    const [name, opts] = namedItem(item, "entity");
    const def: EntityDef = { name, roles: [], groups: [], influence_conversation: true };
    if (opts) {
      warnUnknownKeys(opts, ["roles", "groups", "influence_conversation"], `entity '${name}'`, warnings);
      def.roles = stringList(opts.get("roles"), "roles");
      def.groups = stringList(opts.get("groups"), "groups");
      def.influence_conversation = opts.get("influence_conversation")?.bool("influence_conversation", true) ?? true;
    }
    return def;
  });
}

function parseActions(seq: Cursor, part: DomainPart): void {
  for (const item of seq.items()) {
    const [name, opts] = namedItem(item, "action");
    if (!part.actions.includes(name)) part.actions.push(name);
    if (opts?.get("send_domain")?.bool("send_domain", false)) part.actions_send_domain.push(name);
  }
}

function parseForm(name: string, c: Cursor, warnings: string[]): FormDef {
  if (c.isNull()) return { required_slots: [], ignored_intents: [] };
  c.expectMap(`form '${name}'`);
  const required = c.get("required_slots");
  const ignored = c.get("ignored_intents");
  if (!required && !ignored && c.entries().length > 0) {
    // Rasa 2.0 listed slot mappings directly under the form name.
    warnings.push(c.warning(`form '${name}' uses the Rasa 2.x layout; its keys are taken as required_slots`));
    return { required_slots: c.entries().map((e) => e.key), ignored_intents: [] };
  }
  warnUnknownKeys(c, ["required_slots", "ignored_intents"], `form '${name}'`, warnings);
  let slots: string[] = [];
  if (required && required.kind() === "map") {
    warnings.push(
      required.warning(`required_slots of form '${name}' uses the Rasa 2.x mapping form; only its keys are used`),
    );
    slots = required.entries().map((e) => e.key);
  } else {
    slots = stringList(required, "required_slots");
  }
  return { required_slots: slots, ignored_intents: stringList(ignored, "ignored_intents") };
}
