/**
 * @module config/story-steps
 * One step of a story, rule or test story (`rasa-protocol.md` §7.2–7.4) → `StoryStep`.
 */
import type { SlotWasSetItem, SourcePos, StoryEntity, StoryStep } from "../model/training.js";
import { AnnotationError, parseAnnotatedText } from "./entity-annotations.js";
import { warnUnknownKeys } from "./yaml-source.js";
import type { Cursor } from "./yaml-source.js";

export function sourceOf(c: Cursor): SourcePos {
  return { file: c.file, line: c.at.line, col: c.at.col };
}

/** Parses a step; returns undefined (with a warning) for steps Rasa would skip. */
export function parseStep(c: Cursor, warnings: string[]): StoryStep | undefined {
  c.expectMap("each step");
  const source = sourceOf(c);
  if (c.has("intent") || c.has("user")) return userStep(c, source, warnings);
  if (c.has("action")) {
    warnUnknownKeys(c, ["action"], "action step", warnings);
    return { kind: "action", name: c.get("action")!.str("action"), source };
  }
  if (c.has("bot")) {
    warnUnknownKeys(c, ["bot"], "bot step", warnings);
    return { kind: "bot", text: c.get("bot")!.text("bot").trim(), source };
  }
  if (c.has("checkpoint")) {
    warnUnknownKeys(c, ["checkpoint", "slot_was_set"], "checkpoint step", warnings);
    const step: StoryStep = { kind: "checkpoint", name: c.get("checkpoint")!.str("checkpoint"), source };
    const sws = c.get("slot_was_set");
    if (sws) step.slotWasSet = slotWasSet(sws);
    return step;
  }
  if (c.has("slot_was_set")) {
    warnUnknownKeys(c, ["slot_was_set"], "slot_was_set step", warnings);
    return { kind: "slot_was_set", slots: slotWasSet(c.get("slot_was_set")!), source };
  }
  if (c.has("active_loop")) {
    warnUnknownKeys(c, ["active_loop"], "active_loop step", warnings);
    const loop = c.get("active_loop")!;
    return { kind: "active_loop", name: loop.isNull() ? null : loop.str("active_loop"), source };
  }
  if (c.has("or")) {
    warnUnknownKeys(c, ["or"], "or step", warnings);
    const alternatives: StoryStep[] = [];
    for (const alt of c.get("or")!.expectSeq("or").items()) {
      const step = parseStep(alt, warnings);
      if (step && step.kind !== "intent" && step.kind !== "slot_was_set") {
        throw alt.error("an 'or' step may only list intents or slot_was_set");
      }
      if (step) alternatives.push(step);
    }
    return { kind: "or", alternatives, source };
  }
  warnings.push(
    c.warning(
      `unexpected step with keys ${c
        .entries()
        .map((e) => `'${e.key}'`)
        .join(", ")}; it is ignored`,
    ),
  );
  return undefined;
}

function userStep(c: Cursor, source: SourcePos, warnings: string[]): StoryStep {
  warnUnknownKeys(c, ["intent", "user", "entities", "metadata"], "user step", warnings);
  const intentNode = c.get("intent");
  const intent = intentNode && !intentNode.isNull() ? intentNode.str("intent") : "";
  const step: StoryStep = { kind: "intent", intent, entities: [], source };
  const entities = c.get("entities");
  if (entities && !entities.isNull()) step.entities = storyEntities(entities.expectSeq("entities"));
  const user = c.get("user");
  if (user && !user.isNull()) {
    try {
      const parsed = parseAnnotatedText(user.text("user").trim());
      step.text = parsed.text;
      step.textEntities = parsed.entities;
    } catch (e) {
      if (e instanceof AnnotationError) throw user.error(e.message);
      throw e;
    }
  }
  return step;
}

/** `- city` (value ""), `- city: Paris`, or `- {entity: city, value: Paris, role: from}` (Rasa's story reader). */
function storyEntities(seq: Cursor): StoryEntity[] {
  const out: StoryEntity[] = [];
  for (const item of seq.items()) {
    if (item.kind() === "scalar") {
      out.push({ entity: item.text("entity"), value: "" });
      continue;
    }
    item.expectMap("each entity");
    if (item.has("entity")) {
      const e: StoryEntity = { entity: item.get("entity")!.str("entity") };
      if (item.has("value")) e.value = item.get("value")!.js();
      for (const key of ["role", "group"] as const) {
        const v = item.get(key);
        if (v && !v.isNull()) e[key] = v.text(key);
      }
      out.push(e);
      continue;
    }
    for (const { key, value } of item.entries()) out.push({ entity: key, value: value.js() });
  }
  return out;
}

/** `- slot`, `- slot: value` items, or a plain `slot: value` mapping. */
export function slotWasSet(c: Cursor): SlotWasSetItem[] {
  if (c.kind() === "map") return c.entries().map((e) => ({ name: e.key, value: e.value.js() }));
  const out: SlotWasSetItem[] = [];
  for (const item of c.expectSeq("slot_was_set").items()) {
    if (item.kind() === "scalar") out.push({ name: item.text("slot name") });
    else if (item.kind() === "map") {
      for (const e of item.entries()) out.push({ name: e.key, value: e.value.js() });
    } else throw item.error("slot_was_set items must be a slot name or 'slot: value'");
  }
  return out;
}
