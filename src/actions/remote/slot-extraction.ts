/**
 * @module actions/remote/slot-extraction
 * The action-server part of `action_extract_slots` (Rasa 3.x, `rasa-protocol.md` §4.4): each
 * `custom` slot mapping with an `action` runs that action once per turn (only `slot` events that
 * change a value and `bot` events are kept), then `action_validate_slot_mappings`, when the domain
 * lists it, sees the candidate slots: slots it returns replace the candidates, the others stand.
 */
import type { SlotExtractionHook } from "../../core/turn-engine.js";
import { appendEvents, REQUESTED_SLOT, SESSION_STARTED_METADATA_SLOT } from "../../model/index.js";
import type { Event } from "../../model/index.js";
import type { Action, ActionContext } from "../action.js";
import { ActionRejected } from "../action.js";
import { pyEquals } from "../responses/index.js";

export const ACTION_VALIDATE_SLOT_MAPPINGS = "action_validate_slot_mappings";
const DEFAULT_SLOTS = new Set([REQUESTED_SLOT, SESSION_STARTED_METADATA_SLOT]);

/** Runs `action`; failures are logged (Rasa: a warning) and yield `null`. */
async function tryRun(action: Action, ctx: ActionContext): Promise<Event[] | null> {
  try {
    return await action.run(ctx);
  } catch (err) {
    const cause = (err as { code?: string }).code ?? (err instanceof ActionRejected ? "rejected" : "error");
    ctx.logger.warn(
      { code: "CONFAB_ERR_SLOT_MAPPING_ACTION", action: action.name, cause, err },
      `Failed to execute custom action '${action.name}' during slot extraction; its slot events are ignored.`,
    );
    return null;
  }
}

async function customMappingEvents(ctx: ActionContext, remote: (name: string) => Action): Promise<Event[]> {
  const executed = new Set<string>();
  const out: Event[] = [];
  const slots = ctx.tracker.state.slots;
  for (const slot of ctx.domain.slots) {
    if (DEFAULT_SLOTS.has(slot.name)) continue;
    for (const mapping of slot.mappings) {
      if (mapping.type !== "custom" || !mapping.action || executed.has(mapping.action)) continue;
      executed.add(mapping.action);
      const events = (await tryRun(remote(mapping.action), ctx)) ?? [];
      for (const e of events) {
        const changes = e.event === "slot" && (!Object.hasOwn(slots, e.name) || !pyEquals(slots[e.name], e.value));
        if (changes || e.event === "bot") out.push(e);
        else if (e.event !== "slot")
          ctx.logger.debug({ action: mapping.action, event: e.event }, "Slot mapping action event ignored");
      }
    }
  }
  return out;
}

export function remoteSlotExtraction(remote: (name: string) => Action): SlotExtractionHook {
  return async (ctx, mapped) => {
    const candidates = [...mapped, ...(await customMappingEvents(ctx, remote))];
    if (!ctx.domain.actions.includes(ACTION_VALIDATE_SLOT_MAPPINGS)) return candidates;
    const slotEvents = candidates.filter((e) => e.event === "slot");
    const others = candidates.filter((e) => e.event !== "slot");
    const forked = appendEvents(ctx.tracker, slotEvents);
    const validated = await tryRun(remote(ACTION_VALIDATE_SLOT_MAPPINGS), { ...ctx, tracker: forked });
    if (validated === null) return candidates;
    const decided = new Set(validated.flatMap((e) => (e.event === "slot" ? [e.name] : [])));
    return [...others, ...validated, ...slotEvents.filter((e) => e.event === "slot" && !decided.has(e.name))];
  };
}
