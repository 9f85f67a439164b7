/**
 * @module actions/remote
 * Custom actions through an action server (`endpoints.yml` `action_endpoint`, `rasa-protocol.md` §4).
 * Without an endpoint every custom action fails with CONFAB_ERR_ACTION_SERVER_MISSING, as in Rasa.
 */
import { domainToJson } from "../../config/domain-json.js";
import type { DomainJson } from "../../config/domain-json.js";
import type { SlotExtractionHook } from "../../core/turn-engine.js";
import type { Domain } from "../../model/index.js";
import type { Logger } from "../../ports/index.js";
import { missingActionServer } from "../registry.js";
import type { CustomActionFactory } from "../registry.js";
import { readHttpEndpoint } from "./endpoint-request.js";
import { RemoteAction } from "./remote-action.js";
import type { ActionServerEndpoint } from "./remote-action.js";
import { remoteSlotExtraction } from "./slot-extraction.js";

export { RemoteAction, actionRequestBody, needsDomain } from "./remote-action.js";
export type { ActionServerEndpoint } from "./remote-action.js";
export { readHttpEndpoint, postJson, DEFAULT_TIMEOUT_SECONDS } from "./endpoint-request.js";
export type { HttpEndpoint, PostOutcome } from "./endpoint-request.js";
export { ACTION_VALIDATE_SLOT_MAPPINGS } from "./slot-extraction.js";

export interface ActionServerWiring {
  customActions: CustomActionFactory;
  slotExtraction?: SlotExtractionHook;
}

export function readActionEndpoint(raw: unknown): ActionServerEndpoint | null {
  const http = readHttpEndpoint(raw);
  if (!http) return null;
  const selective = (raw as Record<string, unknown>).enable_selective_domain;
  return { ...http, enable_selective_domain: selective === true || selective === "true" };
}

export function createActionServer(endpoint: unknown, domain: Domain, logger: Logger): ActionServerWiring {
  const config = readActionEndpoint(endpoint);
  if (!config) return { customActions: missingActionServer };
  // The domain JSON only changes with the model, so it is built once, on first use.
  let cached: DomainJson | null = null;
  const domainJson = () => (cached ??= domainToJson(domain));
  const customActions: CustomActionFactory = (name) => new RemoteAction(name, config, domainJson);
  logger.debug({ url: config.url, timeout: config.timeout }, "Custom actions run on the action server");
  return { customActions, slotExtraction: remoteSlotExtraction(customActions) };
}
