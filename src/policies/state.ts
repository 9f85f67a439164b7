/**
 * @module policies/state
 * Tracker → list of turn states, the input of the memorising policies (Rasa's
 * `Domain.states_for_tracker_history`, `rasa-protocol.md` §6.3, §8.3). One state is taken before every
 * `action` event of the applied events, plus one for the current moment.
 */
import type { Domain, Event, SlotDef, Tracker, TrackerState } from "../model/index.js";
import {
  appliedEvents,
  applyEvent,
  createTracker,
  initialSlotValues,
  initialState,
  turnTimeline,
} from "../model/index.js";

/** Rasa's marker for "this slot / loop must not be set" (from `null` in rules). */
export const SHOULD_NOT_BE_SET = "should_not_be_set";
/** Rasa's `...` rule snippet action: "anything may happen here". */
export const RULE_SNIPPET_ACTION = "...";

export type SlotFeature = number[] | typeof SHOULD_NOT_BE_SET;

export interface TurnState {
  user?: { intent?: string; entities?: string[] };
  prev_action?: { action_name?: string; action_text?: string };
  slots?: Record<string, SlotFeature>;
  active_loop?: { name: string };
}

export interface StatesOptions {
  /** Rules only carry slots their events set (Rasa's `omit_unset_slots`). */
  omitUnsetSlots?: boolean;
}

/** States and the action taken after each: `states[i]` precedes `actions[i]`; the last state is "now". */
export interface StatesAndActions {
  states: TurnState[];
  actions: string[];
}

/** Featurises a slot value the way Rasa's slot types do; `null` means "no feature" (unset). */
export function slotFeature(slot: SlotDef, value: unknown): SlotFeature | null {
  if (value === SHOULD_NOT_BE_SET) return SHOULD_NOT_BE_SET;
  if (!slot.influence_conversation || slot.type === "any") return null;
  if (value === null || value === undefined) return null;
  switch (slot.type) {
    case "text":
      return [1];
    case "list":
      return Array.isArray(value) && value.length === 0 ? null : [1];
    case "bool": {
      const b = toBool(value);
      return b === null ? null : [1, b ? 1 : 0];
    }
    case "categorical": {
      const values = [...(slot.values ?? []).map((v) => String(v).toLowerCase())];
      if (!values.includes("__other__")) values.push("__other__");
      const v = (typeof value === "string" ? value : JSON.stringify(value)).toLowerCase();
      const idx = values.includes(v) ? values.indexOf(v) : values.indexOf("__other__");
      return values.map((_, i) => (i === idx ? 1 : 0));
    }
    case "float": {
      const n = typeof value === "number" ? value : Number(value);
      if (!Number.isFinite(n)) return null;
      const min = slot.min_value ?? 0;
      const max = slot.max_value ?? 1;
      const range = Math.abs(max - min) > 0 ? Math.abs(max - min) : 1;
      return [1, (Math.max(min, Math.min(max, n)) - min) / range];
    }
  }
}

function toBool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") {
    const v = value.toLowerCase();
    if (["true", "1", "yes", "y"].includes(v)) return true;
    if (["false", "0", "no", "n"].includes(v)) return false;
  }
  return null;
}

/** Entity labels the intent lets influence the conversation (Rasa's `_get_featurized_entities`). */
function featurizedEntities(domain: Domain, state: TrackerState, intent: string): string[] {
  const entities = state.latestMessage?.parse_data.entities ?? [];
  if (entities.length === 0) return [];
  const intentDef = domain.intents.find((i) => i.name === intent);
  const labels = new Set<string>();
  for (const e of entities) {
    const def = domain.entities.find((d) => d.name === e.entity);
    if (def && !def.influence_conversation) continue;
    if (intentDef) {
      if (intentDef.ignore_entities.includes(e.entity)) continue;
      if (intentDef.use_entities !== true && !intentDef.use_entities.includes(e.entity)) continue;
    }
    labels.add(e.entity);
    if (e.role) labels.add(`${e.entity}#${e.role}`);
    if (e.group) labels.add(`${e.entity}#${e.group}`);
  }
  return [...labels].sort();
}

function userSubState(domain: Domain, state: TrackerState): TurnState["user"] | undefined {
  const intent = state.latestMessage?.parse_data.intent;
  if (!intent || !("name" in intent) || !intent.name) return undefined;
  // Retrieval intents featurise by their base name (`chitchat/ask_name` → `chitchat`).
  const name = intent.name.includes("/") ? intent.name.slice(0, intent.name.indexOf("/")) : intent.name;
  const entities = featurizedEntities(domain, state, name);
  return entities.length > 0 ? { intent: name, entities } : { intent: name };
}

export function activeState(domain: Domain, state: TrackerState, setSlots: Set<string> | null): TurnState {
  const out: TurnState = {};
  const user = userSubState(domain, state);
  if (user) out.user = user;
  const slots: Record<string, SlotFeature> = {};
  for (const def of domain.slots) {
    if (setSlots && !setSlots.has(def.name)) continue;
    const f = slotFeature(def, state.slots[def.name]);
    if (f !== null) slots[def.name] = f;
  }
  if (Object.keys(slots).length > 0) out.slots = slots;
  const prev = prevActionOf(state);
  if (prev) out.prev_action = prev;
  if (state.activeLoop?.name) out.active_loop = { name: state.activeLoop.name };
  return out;
}

/** The `prev_action` part of a turn state: the tracker's latest action by name or by text. */
export function prevActionOf(state: TrackerState): TurnState["prev_action"] | undefined {
  const la = state.latestAction;
  if ("action_name" in la) return { action_name: la.action_name };
  if ("action_text" in la) return { action_text: la.action_text };
  return undefined;
}

/** Walks the applied events once, taking a state before each action and one at the end. */
export function statesAndActions(events: readonly Event[], domain: Domain, opts: StatesOptions = {}): StatesAndActions {
  const initial = initialSlotValues(domain);
  let state = initialState(initial);
  const setSlots = opts.omitUnsetSlots ? new Set<string>() : null;
  const states: TurnState[] = [];
  const actions: string[] = [];
  for (const e of appliedEvents(events)) {
    if (e.event === "action") {
      states.push(activeState(domain, state, setSlots));
      actions.push(e.name ?? e.action_text ?? "");
    }
    if (e.event === "slot") setSlots?.add(e.name);
    state = applyEvent(state, e, initial);
  }
  states.push(activeState(domain, state, setSlots));
  return { states, actions };
}

/**
 * The states a policy predicts from, the current one last: the last `last` turns of the conversation (all by
 * default). Policies only look back a bounded number of turns (`max_history`, the longest rule) and ask for that
 * many; the tracker's timeline holds the state before every action, so this costs O(last), not O(conversation).
 */
export function trackerStates(tracker: Tracker, domain: Domain, last = Infinity): TurnState[] {
  const timeline = turnTimeline(tracker);
  const states: TurnState[] = [];
  for (let i = Math.max(0, timeline.length + 1 - last); i < timeline.length; i++) {
    states.push(activeState(domain, timeline.stateBefore(i), null));
  }
  states.push(activeState(domain, tracker.state, null));
  return states;
}

/** `trackerStates` of a bare event list (training stories, tests). */
export function conversationStates(events: readonly Event[], domain: Domain, last = Infinity): TurnState[] {
  return trackerStates(createTracker("", initialSlotValues(domain), events), domain, last);
}

/**
 * A canonical string for a list of states, usable as a hash key: their JSON with every object's keys sorted. Trained
 * models store these keys, so the text is exactly `JSON.stringify`'s (keys with undefined values left out).
 * Written out by hand because every prediction builds several: a `JSON.stringify` replacer that sorts would build
 * a sorted copy of every object first.
 */
export function statesKey(states: readonly TurnState[]): string {
  return canonicalJson(states);
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i > 0 ? "," : "") + (item === undefined ? "null" : canonicalJson(item));
    }
    return out + "]";
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  // Insertion sort in place: states have a handful of keys, and `Array.prototype.sort` allocates a work copy.
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > k; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = k;
  }
  let out = "{";
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    out += (out.length > 1 ? "," : "") + JSON.stringify(k) + ":" + canonicalJson(v);
  }
  return out + "}";
}

export function prevActionName(state: TurnState | undefined): string | undefined {
  return state?.prev_action?.action_name;
}
