/**
 * The rules example's custom actions (see ../shared/fixtures/rasa/rules/BEHAVIOUR.md) in TypeScript.
 */
import { defineAction, slotSet } from "../../../src/sdk/index.js";

/** Flips `detailed_faq` (unset counts as false, so the first call turns it on). */
export const actionSwitchFaq = defineAction<{ detailed_faq: boolean | null }>({
  name: "action_switch_faq",
  run: ({ tracker }) => [slotSet("detailed_faq", !tracker.getSlot("detailed_faq"))],
});

export const actionValidateLoopQForm = defineAction({
  name: "action_validate_loop_q_form",
  run: ({ dispatcher }) => {
    dispatcher.text("validate_some_slot");
    return [slotSet("some_slot", "sdk")];
  },
});
