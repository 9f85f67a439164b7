/**
 * @module actions/registry
 * Resolves an action name as Rasa does (`rasa-protocol.md` §6.8): a default action unless the
 * domain declares its own with that name, then retrieval `utter_<intent>`, then `utter_*`
 * responses, then forms, then custom actions (action server).
 */
import { ConfabError } from "../errors.js";
import type { Domain } from "../model/index.js";
import type { Action } from "./action.js";
import { actionDefaultAskAffirmation } from "./builtin/ask-affirmation.js";
import {
  actionBack,
  actionDeactivateLoop,
  actionDefaultAskRephrase,
  actionDefaultFallback,
  actionListen,
  actionRestart,
  actionSendText,
  actionUnlikelyIntent,
} from "./builtin/control.js";
import { actionSessionStart } from "./builtin/session-start.js";
import { actionRevertFallbackEvents } from "./builtin/revert-fallback.js";
import { actionTwoStageFallback } from "./builtin/two-stage-fallback.js";
import { retrievalAction, utterAction } from "./utter-action.js";

const BUILTIN: Record<string, Action> = Object.fromEntries(
  [
    actionListen,
    actionRestart,
    actionSessionStart,
    actionDefaultFallback,
    actionDeactivateLoop,
    actionDefaultAskAffirmation,
    actionDefaultAskRephrase,
    actionUnlikelyIntent,
    actionBack,
    actionSendText,
    actionTwoStageFallback,
    actionRevertFallbackEvents,
  ].map((a) => [a.name, a]),
);

/** Custom actions come from elsewhere (the action-server client); this is the hook. */
export type CustomActionFactory = (name: string) => Action;

/** Used when no action server is configured: Rasa fails the action, logs, and the conversation continues. */
export const missingActionServer: CustomActionFactory = (name) => ({
  name,
  run() {
    return Promise.reject(
      new ConfabError(
        "CONFAB_ERR_ACTION_SERVER_MISSING",
        `Action '${name}' is a custom action but no action_endpoint is configured in endpoints.yml`,
      ),
    );
  },
});

export class ActionRegistry {
  constructor(
    private readonly domain: Domain,
    private readonly custom: CustomActionFactory = missingActionServer,
    private readonly forms: (name: string, registry: ActionRegistry) => Action | undefined = () => undefined,
  ) {}

  private isRetrievalAction(name: string): boolean {
    if (!name.startsWith("utter_")) return false;
    const prefix = `${name}/`;
    return Object.keys(this.domain.responses).some((r) => r.startsWith(prefix));
  }

  /** The action for `name`, or `null` when the domain knows no such action. */
  resolve(name: string): Action | null {
    const userDefined = this.domain.actions.includes(name);
    const builtin = BUILTIN[name];
    if (builtin && !userDefined) return builtin;
    if (this.isRetrievalAction(name)) return retrievalAction(name);
    // Rasa: any `utter_` action is a bot response, even one only listed under `actions` (NLG server).
    if (name.startsWith("utter_") && (userDefined || name in this.domain.responses)) return utterAction(name);
    if (name in this.domain.forms && !userDefined) return this.forms(name, this) ?? null;
    if (userDefined) return this.custom(name);
    return null;
  }
}
