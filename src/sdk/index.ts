/**
 * @module sdk
 * Confab's TypeScript action SDK (`import { defineAction } from "confab/sdk"`). It speaks Rasa's
 * action-server protocol, so the same server works behind Confab and behind Rasa.
 */
export { defineAction, isActionDefinition, ActionRejection } from "./action.js";
export type { ActionContext, ActionDefinition, ActionResult } from "./action.js";
export { Dispatcher } from "./dispatcher.js";
export type { Button, UtterOptions } from "./dispatcher.js";
export * from "./events.js";
export { Tracker } from "./tracker.js";
export type { Slots } from "./tracker.js";
export { defineFormValidation, defineSlotValidation } from "./validation.js";
export type { Extractor, Validator, ValidationSpec, SlotValues } from "./validation.js";
export { startActionServer, handleWebhook, DEFAULT_ACTION_SERVER_PORT } from "./server.js";
export type { ActionServerOptions, RunningActionServer } from "./server.js";
export { loadActions } from "./load.js";
export type * from "./types.js";
