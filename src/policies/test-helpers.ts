/**
 * @module policies/test-helpers
 * Test-only helpers: a tiny reader for fixture stories/rules, a hand-made domain, and a conversation driver
 * that mimics the processor's prediction loop. Not exported from the package barrel.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { Domain, Event, Rule, SlotDef, Story, StoryStep, Tracker, TrainingData } from "../model/index.js";
import { appendEvents, createTracker, initialSlotValues } from "../model/index.js";
import type { PolicyEnsemble } from "./ensemble.js";

export const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/rasa");

type Raw = Record<string, unknown>;

function step(raw: Raw): StoryStep {
  if ("or" in raw) return { kind: "or", alternatives: (raw.or as Raw[]).map(step) };
  if ("intent" in raw) {
    const entities = ((raw.entities as unknown[] | undefined) ?? []).map((e) => {
      if (typeof e === "string") return { entity: e };
      const [entity, value] = Object.entries(e as Raw)[0]!;
      return { entity, value };
    });
    const text = typeof raw.user === "string" ? raw.user.trim() : undefined;
    return { kind: "intent", intent: String(raw.intent), entities, ...(text ? { text } : {}) };
  }
  if ("action" in raw) return { kind: "action", name: String(raw.action) };
  if ("active_loop" in raw) return { kind: "active_loop", name: (raw.active_loop as string | null) ?? null };
  if ("checkpoint" in raw) return { kind: "checkpoint", name: String(raw.checkpoint) };
  if ("slot_was_set" in raw) {
    const slots = (raw.slot_was_set as unknown[]).map((s) => {
      if (typeof s === "string") return { name: s };
      const [name, value] = Object.entries(s as Raw)[0]!;
      return { name, value };
    });
    return { kind: "slot_was_set", slots };
  }
  throw new Error(`test helper cannot read step ${JSON.stringify(raw)}`);
}

export function readStories(file: string): Story[] {
  const doc = parse(readFileSync(file, "utf8")) as { stories?: Raw[] };
  return (doc.stories ?? []).map((s) => ({ name: String(s.story), steps: (s.steps as Raw[]).map(step) }));
}

export function readRules(file: string): Rule[] {
  const doc = parse(readFileSync(file, "utf8")) as { rules?: Raw[] };
  return (doc.rules ?? []).map((r) => ({
    name: String(r.rule),
    steps: (r.steps as Raw[]).map(step),
    condition: ((r.condition as Raw[] | undefined) ?? []).map(step),
    conversation_start: r.conversation_start === true,
    wait_for_user_input: r.wait_for_user_input !== false,
  }));
}

export function trainingData(stories: Story[], rules: Rule[]): TrainingData {
  return { nlu: { examples: [], synonyms: {}, regexes: [], lookups: [] }, stories, rules };
}

export function makeDomain(opts: {
  intents: string[];
  responses: string[];
  actions?: string[];
  slots?: SlotDef[];
  forms?: string[];
}): Domain {
  return {
    version: "3.1",
    intents: opts.intents.map((name) => ({ name, use_entities: true, ignore_entities: [] })),
    entities: [],
    slots: opts.slots ?? [],
    responses: Object.fromEntries(opts.responses.map((r) => [r, [{ text: r }]])),
    actions: opts.actions ?? [],
    actions_send_domain: [],
    forms: Object.fromEntries((opts.forms ?? []).map((f) => [f, { required_slots: [], ignored_intents: [] }])),
    session_config: { session_expiration_time: 60, carry_over_slots_to_new_session: true },
    config: { store_entities_as_slots: true },
    e2e_actions: [],
  };
}

/** `rasa init`'s project (the fixture `initial_project`): its folder, a domain with its intents and responses, its stories and rules. */
export function initialProject(): { dir: string; domain: Domain; data: TrainingData } {
  const dir = path.join(FIXTURES, "initial_project");
  const domain = makeDomain({
    intents: ["greet", "goodbye", "affirm", "deny", "mood_great", "mood_unhappy", "bot_challenge"],
    responses: [
      "utter_greet",
      "utter_cheer_up",
      "utter_did_that_help",
      "utter_happy",
      "utter_goodbye",
      "utter_iamabot",
    ],
  });
  const data = trainingData(
    readStories(path.join(dir, "data/stories.yml")),
    readRules(path.join(dir, "data/rules.yml")),
  );
  return { dir, domain, data };
}

export function userEvent(intent: string, entities: { entity: string; value: unknown }[] = []): Event {
  return {
    event: "user",
    timestamp: 0,
    text: `/${intent}`,
    input_channel: null,
    message_id: null,
    parse_data: { text: `/${intent}`, intent: { name: intent, confidence: 1 }, entities },
  };
}

export function actionEvent(name: string, policy: string | null = null, confidence: number | null = null): Event {
  return { event: "action", timestamp: 0, name, policy, confidence };
}

/** A tracker right after Rasa's session start. */
export function startTracker(domain: Domain): Tracker {
  return createTracker("test", initialSlotValues(domain), [
    actionEvent("action_session_start"),
    { event: "session_started", timestamp: 0 },
    actionEvent("action_listen"),
  ]);
}

/** Sends one user intent and runs predictions until a listen (max 10), like the processor does. */
export function turn(ensemble: PolicyEnsemble, domain: Domain, tracker: Tracker, intent: string) {
  let t = appendEvents(tracker, [userEvent(intent)]);
  const predicted: { action: string; confidence: number; policy: string }[] = [];
  for (let i = 0; i < 10; i++) {
    const p = ensemble.predict(t, domain);
    predicted.push({ action: p.action, confidence: p.confidence, policy: p.policy });
    const action = actionEvent(p.action, p.policy, p.confidence);
    // The processor copies the prediction's hide_rule_turn onto the action event.
    if (p.hide_rule_turn && action.event === "action") action.hide_rule_turn = true;
    t = appendEvents(t, [...p.events, action]);
    if (p.action === "action_listen") break;
  }
  return { tracker: t, actions: predicted.map((p) => p.action), predicted };
}
