/**
 * @module actions/forms
 * Form actions (Rasa's FormAction, `rasa-protocol.md` §4.5): one per `forms:` entry of the domain.
 * The registry passes itself, so a form can run `validate_<form>` and the ask actions it resolves.
 */
import type { Domain } from "../../model/index.js";
import type { Action } from "../action.js";
import type { ActionResolver } from "./form-action.js";
import { FormAction } from "./form-action.js";

export { FormAction } from "./form-action.js";
export type { ActionResolver } from "./form-action.js";

export type FormActionFactory = (name: string, resolver: ActionResolver) => Action | undefined;

export function createFormActions(domain: Domain): FormActionFactory {
  return (name, resolver) => (name in domain.forms ? new FormAction(name, resolver) : undefined);
}
