/**
 * @module sdk/action
 * `defineAction`: a named custom action. `run` receives the dispatcher (messages), the tracker and
 * the domain, and returns the events to apply (or nothing). Throw `ActionRejection` to decline:
 * the bot then lets other policies predict (HTTP 400, Rasa's ActionExecutionRejection).
 */
import type { Dispatcher } from "./dispatcher.js";
import type { Slots, Tracker } from "./tracker.js";
import type { DomainJson, EventJson } from "./types.js";

export interface ActionContext<S extends Slots = Slots> {
  dispatcher: Dispatcher;
  tracker: Tracker<S>;
  domain: DomainJson;
}

export type ActionResult = EventJson[] | void | undefined;

const BRAND = Symbol.for("confab.sdk.action");

export interface ActionDefinition<S extends Slots = Slots> {
  readonly name: string;
  run(this: void, ctx: ActionContext<S>): ActionResult | Promise<ActionResult>;
  readonly [BRAND]: true;
}

export function defineAction<S extends Slots = Slots>(spec: {
  name: string;
  run(this: void, ctx: ActionContext<S>): ActionResult | Promise<ActionResult>;
}): ActionDefinition<S> {
  if (!spec.name) throw new Error("defineAction needs a name");
  return { name: spec.name, run: spec.run, [BRAND]: true };
}

export function isActionDefinition(value: unknown): value is ActionDefinition {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

export class ActionRejection extends Error {
  constructor(message = "Action rejected execution") {
    super(message);
    this.name = "ActionRejection";
  }
}
