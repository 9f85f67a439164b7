/**
 * @module actions/action
 * "Everything the bot does is an action that returns events" (Rasa). Actions never touch channels:
 * `bot` events they return are delivered by the turn processor.
 */
import type { Domain, Event, Tracker } from "../model/index.js";
import type { Logger, NaturalLanguageGenerator } from "../ports/index.js";

export interface ActionContext {
  tracker: Tracker;
  domain: Domain;
  /** Name of the output channel (for channel-specific response variations). */
  channel: string;
  nlg: NaturalLanguageGenerator;
  /** Epoch seconds, injected so tests control time. */
  now: () => number;
  logger: Logger;
}

export interface Action {
  readonly name: string;
  run(ctx: ActionContext): Promise<Event[]>;
}

/**
 * Thrown by an action that declines to run (Rasa's ActionExecutionRejection): the processor logs
 * `action_execution_rejected` and asks the policies again.
 */
export class ActionRejected extends Error {
  constructor(
    readonly actionName: string,
    message = `Action '${actionName}' rejected execution`,
  ) {
    super(message);
    this.name = "ActionRejected";
  }
}

/** Renders a response as a `bot` event list; empty when the response does not exist (Rasa's silent_fail). */
export async function utter(ctx: ActionContext, response: string, kwargs?: Record<string, unknown>): Promise<Event[]> {
  if (!(response in ctx.domain.responses)) return [];
  const bot = await ctx.nlg.generate(response, ctx.tracker, ctx.channel, kwargs);
  return bot ? [bot] : [];
}
