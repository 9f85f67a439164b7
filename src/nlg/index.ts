/**
 * @module nlg
 * Picks the natural language generator: an NLG server when `endpoints.yml` has `nlg:`, else the
 * domain's response templates. (The NLG-server client is not wired yet: templates are always used.)
 */
import { TemplateNlg } from "../actions/template-nlg.js";
import type { Domain } from "../model/index.js";
import type { Logger, NaturalLanguageGenerator } from "../ports/index.js";

export interface NlgOptions {
  random?: () => number;
  logger: Logger;
}

export function createNlg(_endpoint: unknown, domain: Domain, options: NlgOptions): NaturalLanguageGenerator {
  return new TemplateNlg(domain, { random: options.random, logger: options.logger });
}
