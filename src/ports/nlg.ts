/**
 * @module ports/nlg
 * Turns a response name into a bot message (Rasa's NaturalLanguageGenerator): domain templates
 * by default, an NLG server when `endpoints.yml` names one.
 */
import type { BotUttered, Tracker } from "../model/index.js";

export interface NaturalLanguageGenerator {
  generate(
    response: string,
    tracker: Tracker,
    channel: string,
    kwargs?: Record<string, unknown>,
  ): Promise<BotUttered | null>;
}
