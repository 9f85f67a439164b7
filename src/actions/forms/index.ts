/**
 * @module actions/forms
 * Form actions (Rasa's FormAction, `rasa-protocol.md` §4.5). Placeholder until forms run:
 * no form action is provided, so a predicted form is reported as an unknown action.
 */
import type { Domain } from "../../model/index.js";
import type { Action } from "../action.js";

export type FormActionFactory = (name: string) => Action | undefined;

export function createFormActions(_domain: Domain): FormActionFactory {
  return () => undefined;
}
