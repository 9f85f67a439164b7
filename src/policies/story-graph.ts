/**
 * @module policies/story-graph
 * Stories and rules → linear training event sequences (Rasa's `StoryGraph` + `TrainingDataGenerator`,
 * `rasa-protocol.md` §7.2-7.3): `or` steps fan out, checkpoints glue story blocks together, a user turn is
 * preceded by `action_listen`, stories end with a listen, rules start with the `...` snippet unless
 * `conversation_start`, and `null` in rules means "must not be set".
 */
import type { Domain, Event, Rule, SlotWasSetItem, Story, StoryEntity, StoryStep } from "../model/index.js";
import { ACTION_LISTEN } from "../model/index.js";
import { RULE_SNIPPET_ACTION, SHOULD_NOT_BE_SET } from "./state.js";

export interface TrainingTracker {
  /** Story or rule name (story blocks joined by checkpoints: `a > b`). */
  name: string;
  isRule: boolean;
  events: Event[];
}

/** Guards against combinatorial explosion of `or` steps and checkpoint loops. */
const MAX_PATHS_PER_STORY = 1000;
const MAX_CHECKPOINT_DEPTH = 20;

type LinearStep = Exclude<StoryStep, { kind: "or" } | { kind: "checkpoint" }>;

/** Every combination of `or` alternatives, as plain step lists. */
export function expandOr(steps: readonly StoryStep[]): StoryStep[][] {
  let paths: StoryStep[][] = [[]];
  for (const step of steps) {
    if (step.kind !== "or") {
      for (const p of paths) p.push(step);
      continue;
    }
    const next: StoryStep[][] = [];
    for (const p of paths) {
      for (const alt of step.alternatives) {
        if (next.length >= MAX_PATHS_PER_STORY) break;
        next.push([...p, alt]);
      }
    }
    paths = next;
  }
  return paths;
}

interface Block {
  name: string;
  starts: { name: string; slots: SlotWasSetItem[] }[];
  ends: string[];
  body: LinearStep[];
}

function toBlocks(story: Story): Block[] {
  return expandOr(story.steps).map((steps) => {
    const starts: Block["starts"] = [];
    const ends: string[] = [];
    const body: LinearStep[] = [];
    for (const s of steps) {
      if (s.kind === "checkpoint") {
        if (body.length === 0) starts.push({ name: s.name, slots: s.slotWasSet ?? [] });
        else ends.push(s.name);
      } else if (s.kind !== "or") {
        body.push(s);
      }
    }
    return { name: story.name, starts, ends, body };
  });
}

/** Slot values the story path has set so far, to check checkpoint `slot_was_set` conditions. */
function slotsSetIn(steps: readonly LinearStep[]): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const s of steps) if (s.kind === "slot_was_set") for (const i of s.slots) values.set(i.name, i.value ?? true);
  return values;
}

function conditionHolds(cond: readonly SlotWasSetItem[], steps: readonly LinearStep[]): boolean {
  if (cond.length === 0) return true;
  const values = slotsSetIn(steps);
  return cond.every((c) =>
    c.value === undefined
      ? values.get(c.name) != null
      : JSON.stringify(values.get(c.name) ?? null) === JSON.stringify(c.value),
  );
}

/** Linear step paths of the stories, following checkpoints from stories without a start checkpoint. */
export function linearStories(stories: readonly Story[]): { name: string; steps: LinearStep[] }[] {
  const blocks = stories.flatMap(toBlocks);
  const byStart = new Map<string, { block: Block; slots: SlotWasSetItem[] }[]>();
  for (const b of blocks)
    for (const s of b.starts) byStart.set(s.name, [...(byStart.get(s.name) ?? []), { block: b, slots: s.slots }]);
  const out: { name: string; steps: LinearStep[] }[] = [];
  const walk = (block: Block, names: string[], steps: LinearStep[], depth: number): void => {
    const allSteps = [...steps, ...block.body];
    const allNames = names.at(-1) === block.name ? names : [...names, block.name];
    const next = block.ends.flatMap((cp) => byStart.get(cp) ?? []).filter((n) => conditionHolds(n.slots, allSteps));
    if (next.length === 0 || depth >= MAX_CHECKPOINT_DEPTH) {
      if (out.length < MAX_PATHS_PER_STORY * 10) out.push({ name: allNames.join(" > "), steps: allSteps });
      return;
    }
    for (const n of next) walk(n.block, allNames, allSteps, depth + 1);
  };
  for (const b of blocks) if (b.starts.length === 0) walk(b, [], [], 0);
  return out;
}

function action(name: string | null, actionText?: string): Event {
  const e: Event = { event: "action", timestamp: 0, name, policy: null, confidence: null };
  if (actionText !== undefined) e.action_text = actionText;
  return e;
}

function lastIsListen(events: readonly Event[]): boolean {
  const last = events.at(-1);
  return last?.event === "action" && last.name === ACTION_LISTEN;
}

/** Entities named in a story make the slots that map from them look set (Rasa's `slots_for_entities`). */
function slotsForEntities(domain: Domain, entities: { entity: string; value?: unknown }[]): Event[] {
  if (!domain.config.store_entities_as_slots) return [];
  const out: Event[] = [];
  for (const slot of domain.slots) {
    const hit = entities.filter((e) =>
      slot.mappings.some((m) => m.type === "from_entity" && m.entity === e.entity && !m.conditions?.length),
    );
    if (hit.length === 0) continue;
    const values = hit.map((e) => e.value ?? true);
    out.push({ event: "slot", timestamp: 0, name: slot.name, value: slot.type === "list" ? values : values.at(-1) });
  }
  return out;
}

function stepEvents(step: LinearStep, events: Event[], domain: Domain, isRule: boolean): void {
  switch (step.kind) {
    case "intent": {
      if (!lastIsListen(events)) events.push(action(ACTION_LISTEN));
      const entities: (StoryEntity & { start?: number; end?: number })[] = [
        ...step.entities,
        ...(step.textEntities ?? []),
      ];
      events.push({
        event: "user",
        timestamp: 0,
        text: step.text ?? null,
        input_channel: null,
        message_id: null,
        parse_data: {
          text: step.text ?? "",
          intent: step.intent ? { name: step.intent, confidence: 1 } : {},
          entities: entities.map((e) => ({
            entity: e.entity,
            value: e.value,
            ...(e.role ? { role: e.role } : {}),
            ...(e.group ? { group: e.group } : {}),
            // Offsets of entities annotated in `user:` text: the end-to-end test compares them with the NLU's.
            ...(e.start !== undefined ? { start: e.start, end: e.end } : {}),
          })),
        },
      });
      events.push(...slotsForEntities(domain, entities));
      return;
    }
    case "action":
      events.push(action(step.name));
      return;
    case "bot":
      events.push(action(null, step.text));
      return;
    case "slot_was_set":
      for (const item of step.slots) {
        // `- slot` without a value only says "set"; rules' `null` says "must not be set".
        let value: unknown = item.value === undefined ? true : item.value;
        if (isRule && value === null) value = SHOULD_NOT_BE_SET;
        events.push({ event: "slot", timestamp: 0, name: item.name, value });
      }
      return;
    case "active_loop": {
      const name = step.name ?? (isRule ? SHOULD_NOT_BE_SET : null);
      events.push({ event: "active_loop", timestamp: 0, name });
      return;
    }
  }
}

/** Training trackers for stories (Memoization, contradiction checks). */
export function storyTrackers(stories: readonly Story[], domain: Domain): TrainingTracker[] {
  return linearStories(stories).map(({ name, steps }) => {
    const events: Event[] = [];
    for (const s of steps) stepEvents(s, events, domain, false);
    if (!lastIsListen(events)) events.push(action(ACTION_LISTEN));
    return { name, isRule: false, events };
  });
}

/** Training trackers for rules (RulePolicy). */
export function ruleTrackers(rules: readonly Rule[], domain: Domain): TrainingTracker[] {
  const out: TrainingTracker[] = [];
  for (const rule of rules) {
    for (const steps of expandOr([...rule.condition, ...rule.steps])) {
      const events: Event[] = [];
      if (!rule.conversation_start) events.push(action(RULE_SNIPPET_ACTION));
      for (const s of steps) if (s.kind !== "or" && s.kind !== "checkpoint") stepEvents(s, events, domain, true);
      const last = events.at(-1);
      const endsWithSnippet = last?.event === "action" && last.name === RULE_SNIPPET_ACTION;
      if (!endsWithSnippet) {
        if (rule.wait_for_user_input) {
          if (!lastIsListen(events)) events.push(action(ACTION_LISTEN));
        } else {
          // Rasa appends `...` instead of a listen: whatever follows the rule is up to other rules/stories.
          events.push(action(RULE_SNIPPET_ACTION));
        }
      }
      out.push({ name: rule.name, isRule: true, events });
    }
  }
  return out;
}

/** Number of user turns in a tracker (Rasa's `restrict_rules` allows one per rule). */
export function userTurns(t: TrainingTracker): number {
  return t.events.filter((e) => e.event === "user").length;
}
