/**
 * formbot's custom action (Rasa's examples/formbot, see ../shared/fixtures/rasa/formbot/BEHAVIOUR.md)
 * in TypeScript: `validate_restaurant_form` checks cuisine, party size and seating.
 * In your own project, import from "confab/sdk" instead of the source path.
 */
import { defineFormValidation } from "../../../src/sdk/index.js";

const CUISINES = ["caribbean", "chinese", "french", "greek", "indian", "italian", "mexican"];

/** Python's `int(value)`: integral strings (surrounding spaces allowed), numbers truncated, booleans. */
export function pythonInt(value: unknown): number | null {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value === "string" && /^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) return Number(value.replace(/_/g, ""));
  return null;
}

export const validateRestaurantForm = defineFormValidation("restaurant_form", {
  validate: {
    cuisine(value, { dispatcher }) {
      // The Python original calls value.lower(); a non-string would crash it, here it is rejected.
      if (typeof value === "string" && CUISINES.includes(value.toLowerCase())) return { cuisine: value };
      dispatcher.response("utter_wrong_cuisine");
      return { cuisine: null };
    },
    num_people(value, { dispatcher }) {
      const n = pythonInt(value);
      if (n !== null && n > 0) return { num_people: value };
      dispatcher.response("utter_wrong_num_people");
      return { num_people: null };
    },
    outdoor_seating(value, { dispatcher }) {
      // The affirm/deny mappings already set true/false: only free text is interpreted.
      if (typeof value !== "string") return { outdoor_seating: value };
      if (value.includes("out")) return { outdoor_seating: true };
      if (value.includes("in")) return { outdoor_seating: false };
      dispatcher.response("utter_wrong_outdoor_seating");
      return { outdoor_seating: null };
    },
  },
});
