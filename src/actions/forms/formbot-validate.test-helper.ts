/**
 * @module actions/forms/formbot-validate.test-helper
 * Test-only: formbot's `validate_restaurant_form` as described in the fixture's BEHAVIOUR.md, written as
 * a Confab Action so form tests can inject it through the registry's custom action factory.
 */
import type { Event } from "../../model/index.js";
import type { Action } from "../action.js";
import { utter } from "../action.js";
import type { CustomActionFactory } from "../registry.js";

const CUISINES = ["caribbean", "chinese", "french", "greek", "indian", "italian", "mexican"];

type Check = (value: unknown) => { ok: true; value: unknown } | { ok: false };

const CHECKS: Record<string, { check: Check; error: string }> = {
  cuisine: {
    check: (v) =>
      typeof v === "string" && CUISINES.includes(v.toLowerCase()) ? { ok: true, value: v } : { ok: false },
    error: "utter_wrong_cuisine",
  },
  num_people: {
    check: (v) => {
      const n = typeof v === "number" ? v : Number.parseInt(String(v), 10);
      return Number.isInteger(n) && n > 0 ? { ok: true, value: v } : { ok: false };
    },
    error: "utter_wrong_num_people",
  },
  outdoor_seating: {
    check: (v) => {
      if (typeof v !== "string") return { ok: true, value: v };
      if (v.includes("out")) return { ok: true, value: true };
      if (v.includes("in")) return { ok: true, value: false };
      return { ok: false };
    },
    error: "utter_wrong_outdoor_seating",
  },
};

export const calls: string[] = [];

export const validateRestaurantForm: Action = {
  name: "validate_restaurant_form",
  async run(ctx) {
    calls.push(this.name);
    const events = ctx.tracker.events;
    let formRun = -1;
    events.forEach((e, i) => {
      if (e.event === "action" && e.name === "restaurant_form") formRun = i;
    });
    const out: Event[] = [];
    for (const e of events.slice(formRun + 1)) {
      if (e.event !== "slot" || !(e.name in CHECKS)) continue;
      const { check, error } = CHECKS[e.name]!;
      const result = check(e.value);
      if (result.ok) out.push({ ...e, value: result.value });
      else out.push(...(await utter(ctx, error)), { ...e, value: null });
    }
    return out;
  },
};

export const formbotActions: CustomActionFactory = (name) => {
  if (name === "validate_restaurant_form") return validateRestaurantForm;
  throw new Error(`formbot has no custom action ${name}`);
};
