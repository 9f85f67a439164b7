/**
 * @module config/validate
 * Consistency checks between domain and training data for `confab data validate` (Rasa's `rasa data validate`):
 * unknown intents, actions, responses and slots are errors; unused intents/responses and undeclared entities warn.
 * Rasa's default intents and actions are never reported.
 */
import { DEFAULT_INTENTS, allActionNames } from "../model/domain.js";
import type { SlotWasSetItem, SourcePos, Story, StoryStep } from "../model/training.js";
import { formatAt } from "./errors.js";
import type { Project } from "./project.js";

export interface ValidationResult {
  errors: string[];
  warnings: string[];
}

/** Rasa's placeholder for "anything before/after" in rules; never executed. */
const RULE_SNIPPET_ACTION = "...";
/** Responses that Rasa's default actions send when they exist. */
const DEFAULT_RESPONSES = [
  "utter_default",
  "utter_restart",
  "utter_back",
  "utter_ask_rephrase",
  "utter_revert_fallback_and_reapply_last_intent",
];

function at(pos: SourcePos | undefined, fallback: string, message: string): string {
  return pos ? formatAt(pos.file, pos.line, pos.col ?? 1, message) : `${fallback}: ${message}`;
}

function baseIntent(name: string): string {
  const i = name.indexOf("/");
  return i > 0 ? name.slice(0, i) : name;
}

/** Every step of a story, flattening `or` alternatives. */
function* allSteps(steps: StoryStep[]): Generator<StoryStep> {
  for (const s of steps) {
    if (s.kind === "or") yield* allSteps(s.alternatives);
    else yield s;
  }
}

export function validateProject(project: Project): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { domain, training } = project;
  const domainFile = project.sources.domain[0] ?? "domain";
  const intents = new Set(domain.intents.map((i) => i.name));
  const entities = new Set(domain.entities.map((e) => e.name));
  const slots = new Set(domain.slots.map((s) => s.name));
  const actions = new Set<string>([...allActionNames(domain), ...Object.keys(domain.responses), RULE_SNIPPET_ACTION]);
  const usedActions = new Set<string>();
  // One warning per undeclared entity (at its first use), with the number of uses, to keep reports readable.
  const unknownEntities = new Map<string, { first: string; count: number }>();
  const noteEntity = (entity: string, pos: SourcePos | undefined, how: string): void => {
    if (entities.has(entity)) return;
    const seen = unknownEntities.get(entity);
    if (seen) seen.count++;
    else
      unknownEntities.set(entity, {
        first: at(pos, domainFile, `entity '${entity}' is ${how} but not declared in the domain`),
        count: 1,
      });
  };
  const stories: Story[] = [...training.stories, ...training.rules];

  const checkSlots = (items: SlotWasSetItem[], pos: SourcePos | undefined): void => {
    for (const item of items) {
      if (!slots.has(item.name)) errors.push(at(pos, domainFile, `slot '${item.name}' is not declared in the domain`));
    }
  };

  for (const story of stories) {
    const conditions = "condition" in story ? (story.condition as StoryStep[]) : [];
    for (const step of allSteps([...conditions, ...story.steps])) {
      if (step.kind === "intent") {
        if (step.intent && !intents.has(baseIntent(step.intent))) {
          errors.push(
            at(
              step.source,
              domainFile,
              `intent '${step.intent}' is used in '${story.name}' but not declared in the domain`,
            ),
          );
        }
        for (const e of [...step.entities, ...(step.textEntities ?? [])])
          noteEntity(e.entity, step.source, "used in a story");
      } else if (step.kind === "action") {
        usedActions.add(step.name);
        if (!actions.has(step.name)) {
          const what = step.name.startsWith("utter_") ? "response" : "action";
          errors.push(
            at(
              step.source,
              domainFile,
              `${what} '${step.name}' is used in '${story.name}' but not declared in the domain`,
            ),
          );
        }
      } else if (step.kind === "slot_was_set") checkSlots(step.slots, step.source);
      else if (step.kind === "checkpoint" && step.slotWasSet) checkSlots(step.slotWasSet, step.source);
      else if (
        step.kind === "active_loop" &&
        step.name !== null &&
        !(step.name in domain.forms) &&
        !actions.has(step.name)
      ) {
        errors.push(at(step.source, domainFile, `active_loop '${step.name}' is not a form or action in the domain`));
      }
    }
  }

  const nluIntents = new Set<string>();
  for (const ex of training.nlu.examples) {
    const base = baseIntent(ex.intent);
    if (!nluIntents.has(base) && !intents.has(base)) {
      errors.push(
        at(ex.source, domainFile, `intent '${ex.intent}' has NLU examples but is not declared in the domain`),
      );
    }
    nluIntents.add(base);
    for (const e of ex.entities) noteEntity(e.entity, ex.source, "annotated");
  }
  for (const intent of domain.intents) {
    if ((DEFAULT_INTENTS as readonly string[]).includes(intent.name)) continue;
    if (!nluIntents.has(intent.name))
      warnings.push(`${domainFile}: intent '${intent.name}' has no NLU training examples`);
  }

  for (const { first, count } of unknownEntities.values()) {
    warnings.push(count > 1 ? `${first} (${count} uses)` : first);
  }

  const formResponses = new Set<string>();
  for (const [form, def] of Object.entries(domain.forms)) {
    for (const slot of def.required_slots) {
      if (!slots.has(slot)) errors.push(`${domainFile}: form '${form}' requires slot '${slot}', which is not declared`);
      formResponses.add(`utter_ask_${slot}`).add(`utter_ask_${form}_${slot}`);
    }
  }
  for (const slot of domain.slots) {
    for (const m of slot.mappings) {
      for (const c of m.conditions ?? []) {
        if (c.active_loop !== null && !(c.active_loop in domain.forms)) {
          errors.push(
            `${domainFile}: slot '${slot.name}' has a mapping condition on '${c.active_loop}', which is not a form`,
          );
        }
      }
    }
  }
  for (const name of Object.keys(domain.responses)) {
    const used =
      usedActions.has(name) ||
      usedActions.has(baseIntent(name)) ||
      formResponses.has(name) ||
      DEFAULT_RESPONSES.includes(name) ||
      domain.actions.includes(name);
    if (!used) warnings.push(`${domainFile}: response '${name}' is not used in any story or rule`);
  }
  return { errors, warnings };
}
