/**
 * @module sdk/validation
 * Slot validation actions with rasa-sdk's semantics: `defineFormValidation` makes `validate_<form>`
 * (FormValidationAction), `defineSlotValidation` makes `action_validate_slot_mappings`
 * (ValidationAction). First every `extract[slot]` runs for the required slots (its result is
 * added as slot events), then every slot set since the user spoke is passed to `validate[slot]`,
 * whose returned object replaces it (`{slot: null}` rejects it). Slots without a validator pass
 * unchanged. With `requiredSlots`, the next empty one becomes `requested_slot` (null = form done).
 */
import { defineAction } from "./action.js";
import type { ActionContext, ActionDefinition } from "./action.js";
import { slotSet } from "./events.js";
import type { Slots } from "./tracker.js";
import type { DomainJson, EventJson } from "./types.js";

type MaybePromise<T> = T | Promise<T>;
export type SlotValues = Record<string, unknown>;

export type Extractor<S extends Slots> = (ctx: ActionContext<S>) => MaybePromise<SlotValues | null | undefined>;
export type Validator<S extends Slots> = (
  value: unknown,
  ctx: ActionContext<S>,
) => MaybePromise<SlotValues | null | undefined>;

export interface ValidationSpec<S extends Slots> {
  extract?: Partial<Record<string, Extractor<S>>>;
  validate?: Partial<Record<string, Validator<S>>>;
  /** Overrides which slots the form asks for, in order (rasa-sdk's `required_slots`). */
  requiredSlots?: (domainSlots: string[], ctx: ActionContext<S>) => MaybePromise<string[]>;
}

async function extractionEvents<S extends Slots>(
  spec: ValidationSpec<S>,
  slots: string[],
  ctx: ActionContext<S>,
): Promise<EventJson[]> {
  const events: EventJson[] = [];
  for (const slot of slots) {
    const extract = spec.extract?.[slot];
    if (!extract) continue;
    const values = (await extract(ctx)) ?? {};
    for (const [name, value] of Object.entries(values)) events.push(slotSet(name, value));
  }
  return events;
}

async function validationEvents<S extends Slots>(spec: ValidationSpec<S>, ctx: ActionContext<S>): Promise<EventJson[]> {
  const candidates = ctx.tracker.slotsToValidate();
  const result: SlotValues = { ...candidates };
  for (const [slot, value] of Object.entries(candidates)) {
    const validate = spec.validate?.[slot];
    if (!validate) continue;
    const output = await validate(value, ctx);
    if (output) Object.assign(result, output);
  }
  return Object.entries(result).map(([name, value]) => slotSet(name, value));
}

function runValidation<S extends Slots>(
  spec: ValidationSpec<S>,
  domainSlots: (domain: DomainJson) => string[],
  asksNext: boolean,
) {
  return async (ctx: ActionContext<S>): Promise<EventJson[]> => {
    const declared = domainSlots(ctx.domain);
    const required = spec.requiredSlots ? await spec.requiredSlots(declared, ctx) : declared;
    const extracted = await extractionEvents(spec, required, ctx);
    const withExtracted = { ...ctx, tracker: ctx.tracker.withSlotEvents(extracted) };
    const validated = await validationEvents(spec, withExtracted);
    if (!asksNext || !spec.requiredSlots) return validated;
    const after = withExtracted.tracker.withSlotEvents(validated);
    const next = required.find((slot) => after.slots[slot] === null || after.slots[slot] === undefined) ?? null;
    return [...validated, slotSet("requested_slot", next)];
  };
}

/** `validate_<form>`: the form calls it after slot extraction on every turn it is active. */
export function defineFormValidation<S extends Slots = Slots>(
  form: string,
  spec: ValidationSpec<S>,
): ActionDefinition<S> {
  const formSlots = (domain: DomainJson) => domain.forms?.[form]?.required_slots ?? [];
  return defineAction<S>({ name: `validate_${form}`, run: runValidation(spec, formSlots, true) });
}

/** `action_validate_slot_mappings`: validates slots filled outside forms, after every user message. */
export function defineSlotValidation<S extends Slots = Slots>(spec: ValidationSpec<S>): ActionDefinition<S> {
  const allSlots = (domain: DomainJson) => Object.keys(domain.slots ?? {});
  return defineAction<S>({ name: "action_validate_slot_mappings", run: runValidation(spec, allSlots, false) });
}
