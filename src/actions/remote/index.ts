/**
 * @module actions/remote
 * Custom actions through an action server (`endpoints.yml` `action_endpoint`). Placeholder until
 * the action-server client lands: every custom action fails with CONFAB_ERR_ACTION_SERVER_MISSING.
 */
import type { SlotExtractionHook } from "../../core/turn-engine.js";
import type { Domain } from "../../model/index.js";
import type { Logger } from "../../ports/index.js";
import { missingActionServer } from "../registry.js";
import type { CustomActionFactory } from "../registry.js";

export interface ActionServerWiring {
  customActions: CustomActionFactory;
  slotExtraction?: SlotExtractionHook;
}

export function createActionServer(_endpoint: unknown, _domain: Domain, _logger: Logger): ActionServerWiring {
  return { customActions: missingActionServer };
}
