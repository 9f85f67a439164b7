/**
 * @module actions/forms/form-action
 * A form (`rasa-protocol.md` §4.5), following Rasa's LoopAction/FormAction: on first run it activates
 * (`active_loop`) and validates slots filled before activation; on each later run after a user message
 * it validates the slots set since that message (through `validate_<form>` when the domain lists it),
 * rejects (ActionRejected) when the requested slot was not filled, asks for the next empty required slot
 * (`action_ask_<form>_<slot>`, `utter_ask_<form>_<slot>`, `action_ask_<slot>`, `utter_ask_<slot>`), and
 * deactivates (`requested_slot: null`, `active_loop: null`) once every required slot is filled.
 */
import type { Domain, Event, Tracker } from "../../model/index.js";
import { ACTION_LISTEN, REQUESTED_SLOT, appendEvents, latestActionName } from "../../model/index.js";
import type { Action, ActionContext } from "../action.js";
import { ActionRejected } from "../action.js";

/** What a form needs to run other actions: `validate_<form>` and the ask actions. */
export interface ActionResolver {
  resolve(name: string): Action | null;
}

type SlotEvent = Extract<Event, { event: "slot" }>;

function slotEvent(ctx: ActionContext, name: string, value: unknown): SlotEvent {
  return { event: "slot", timestamp: ctx.now(), name, value };
}

function isRequestedSlot(e: Event, value?: null): boolean {
  return e.event === "slot" && e.name === REQUESTED_SLOT && (value === undefined || e.value === null);
}

/** Rasa's `is_done`: the last `requested_slot` event says null, or the last loop event deactivates. */
function isDone(events: readonly Event[]): boolean {
  if (events.some((e) => e.event === "action_execution_rejected")) return false;
  const lastRequested = [...events].reverse().find((e) => isRequestedSlot(e));
  const lastLoop = [...events].reverse().find((e) => e.event === "active_loop");
  return (
    (lastRequested?.event === "slot" && lastRequested.value === null) ||
    (lastLoop?.event === "active_loop" && lastLoop.name === null)
  );
}

export class FormAction implements Action {
  constructor(
    readonly name: string,
    private readonly resolver: ActionResolver,
  ) {}

  requiredSlots(domain: Domain): string[] {
    return domain.forms[this.name]?.required_slots ?? [];
  }

  async run(ctx: ActionContext): Promise<Event[]> {
    const events: Event[] = [];
    if (ctx.tracker.state.activeLoop?.name !== this.name) {
      events.push({ event: "active_loop", timestamp: ctx.now(), name: this.name });
      events.push(...(await this.activate(ctx)));
    }
    if (!isDone(events)) events.push(...(await this.step(ctx, events)));
    if (isDone(events) && !events.some((e) => e.event === "active_loop" && e.name === null)) {
      events.push({ event: "active_loop", timestamp: ctx.now(), name: null });
    }
    return events;
  }

  /** The requested slot, if it belongs to this form's run (another form may have left it set). */
  private slotToFill(tracker: Tracker): string | null {
    if (tracker.state.activeLoop?.name !== this.name) return null;
    const v = tracker.state.slots[REQUESTED_SLOT];
    return typeof v === "string" ? v : null;
  }

  private async activate(ctx: ActionContext): Promise<Event[]> {
    const prefilled = new Map<string, unknown>();
    for (const slot of this.requiredSlots(ctx.domain)) {
      const value = ctx.tracker.state.slots[slot];
      if (value !== null && value !== undefined) prefilled.set(slot, value);
    }
    if (prefilled.size === 0) return [];
    return this.validateSlots(ctx, prefilled);
  }

  private async step(ctx: ActionContext, soFar: readonly Event[]): Promise<Event[]> {
    const loop = ctx.tracker.state.activeLoop;
    const needsValidation = !loop || (latestActionName(ctx.tracker.state) === ACTION_LISTEN && !loop.is_interrupted);
    // Coming back after an unhappy path: nothing to validate, but `validate_<form>` may still pick the next slot.
    const events = needsValidation ? await this.validate(ctx) : await this.validateSlots(ctx, new Map());
    if (events.some((e) => e.event === "action_execution_rejected")) return events;
    return [...events, ...(await this.requestNextSlot(ctx, [...soFar, ...events]))];
  }

  /** Slots set since the latest user message that this form requires (or is asking for). */
  private extractedSlots(ctx: ActionContext): Map<string, unknown> {
    const out = new Map<string, unknown>();
    if (!ctx.tracker.state.activeLoop) return out;
    const wanted = new Set(this.requiredSlots(ctx.domain));
    const requested = this.slotToFill(ctx.tracker);
    if (requested) wanted.add(requested);
    const events = ctx.tracker.events;
    let start = 0;
    for (let i = events.length - 1; i >= 0; i--) {
      if (events[i]!.event === "user") {
        start = i;
        break;
      }
    }
    for (const e of events.slice(start)) if (e.event === "slot" && wanted.has(e.name)) out.set(e.name, e.value);
    return out;
  }

  private async validate(ctx: ActionContext): Promise<Event[]> {
    const events = await this.validateSlots(ctx, this.extractedSlots(ctx));
    const validated = events.some((e) => e.event === "slot" && e.name !== REQUESTED_SLOT);
    const rejectedManually = events.some((e) => e.event === "action_execution_rejected");
    const slot = this.slotToFill(ctx.tracker);
    if (slot && !validated && !rejectedManually) {
      // Lets the policies pick something else (an unhappy-path rule or story).
      throw new ActionRejected(this.name, `Failed to extract slot ${slot} with action ${this.name}`);
    }
    return events;
  }

  /** The tracker `validate_<form>` and the ask actions see: this form running, candidates applied. */
  private temporaryTracker(ctx: ActionContext, events: readonly Event[]): Tracker {
    return appendEvents(ctx.tracker, [
      slotEvent(ctx, REQUESTED_SLOT, this.slotToFill(ctx.tracker)),
      { event: "action", timestamp: ctx.now(), name: this.name, policy: null, confidence: null },
      ...events,
    ]);
  }

  /** Runs `validate_<form>` when the domain lists it; slots it does not mention count as valid. */
  private async validateSlots(ctx: ActionContext, candidates: Map<string, unknown>): Promise<Event[]> {
    const events: Event[] = [...candidates].map(([name, value]) => slotEvent(ctx, name, value));
    const validateName = `validate_${this.name}`;
    if (!ctx.domain.actions.includes(validateName)) return events;
    const action = this.resolver.resolve(validateName);
    if (!action) return events;
    const returned = await action.run({ ...ctx, tracker: this.temporaryTracker(ctx, events) });
    const mentioned = new Set(returned.flatMap((e) => (e.event === "slot" ? [e.name] : [])));
    return [...returned, ...events.filter((e) => e.event === "slot" && !mentioned.has(e.name))];
  }

  private async requestNextSlot(ctx: ActionContext, soFar: readonly Event[]): Promise<Event[]> {
    if (isDone(soFar)) return [slotEvent(ctx, REQUESTED_SLOT, null)];
    const chosen = soFar.find((e) => isRequestedSlot(e));
    let slot = chosen?.event === "slot" && typeof chosen.value === "string" ? chosen.value : null;
    const out: Event[] = [];
    const temp = this.temporaryTracker(ctx, soFar);
    if (!slot) {
      slot = this.requiredSlots(ctx.domain).find((s) => temp.state.slots[s] == null) ?? null;
      out.push(slotEvent(ctx, REQUESTED_SLOT, slot));
    }
    if (!slot) return out;
    const ask = this.askActionName(ctx.domain, slot);
    const action = ask ? this.resolver.resolve(ask) : null;
    if (!action) {
      ctx.logger.debug({ form: this.name, slot }, `There was no action found to ask for slot '${slot}'`);
      return out;
    }
    const tracker = appendEvents(temp, out);
    return [...out, ...(await action.run({ ...ctx, tracker }))];
  }

  private askActionName(domain: Domain, slot: string): string | undefined {
    const candidates = [
      `action_ask_${this.name}_${slot}`,
      `utter_ask_${this.name}_${slot}`,
      `action_ask_${slot}`,
      `utter_ask_${slot}`,
    ];
    return candidates.find((n) => domain.actions.includes(n) || n in domain.responses);
  }
}
