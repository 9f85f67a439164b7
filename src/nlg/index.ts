/**
 * @module nlg
 * Picks the natural language generator: an NLG server when `endpoints.yml` has `nlg:` with a `url`
 * (domain templates as its fallback), else the domain's response templates.
 */
import { readHttpEndpoint } from "../actions/remote/endpoint-request.js";
import { TemplateNlg } from "../actions/template-nlg.js";
import type { Domain } from "../model/index.js";
import type { Logger, NaturalLanguageGenerator } from "../ports/index.js";
import { NlgServerClient } from "./nlg-server-client.js";

export { NlgServerClient, nlgRequestBody, responseVariationId } from "./nlg-server-client.js";
export { validateNlgResponse } from "./nlg-response.js";

export interface NlgOptions {
  random?: () => number;
  logger: Logger;
}

export function createNlg(endpoint: unknown, domain: Domain, options: NlgOptions): NaturalLanguageGenerator {
  const templates = new TemplateNlg(domain, { random: options.random, logger: options.logger });
  const server = readHttpEndpoint(endpoint);
  if (!server) return templates;
  // Rasa's EndpointConfig ignores a `type` key here; `type: callback` is its name for the NLG server.
  return new NlgServerClient(server, domain, templates, options.logger);
}
