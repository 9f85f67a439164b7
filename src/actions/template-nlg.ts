/**
 * @module actions/template-nlg
 * The default NaturalLanguageGenerator: responses from the domain, with Rasa's variation
 * selection and interpolation (`rasa-protocol.md` §6.4).
 */
import type { BotUttered, Domain, Tracker } from "../model/index.js";
import type { Logger, NaturalLanguageGenerator } from "../ports/index.js";
import { renderResponse } from "./responses/index.js";

export interface TemplateNlgOptions {
  random?: () => number;
  logger?: Logger;
  now?: () => number;
}

export class TemplateNlg implements NaturalLanguageGenerator {
  constructor(
    private readonly domain: Domain,
    private readonly options: TemplateNlgOptions = {},
  ) {}

  generate(
    response: string,
    tracker: Tracker,
    channel: string,
    kwargs: Record<string, unknown> = {},
  ): Promise<BotUttered | null> {
    const rendered = renderResponse(response, this.domain, tracker.state.slots, {
      channel,
      kwargs,
      random: this.options.random,
      now: this.options.now,
      warn: (message: string) => this.options.logger?.warn({ response }, message),
    });
    return Promise.resolve(rendered ? rendered.event : null);
  }
}
