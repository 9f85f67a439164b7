/**
 * @module actions/remote/remote-action
 * A custom action run by the action server (Rasa's `RemoteAction`, `rasa-protocol.md` §4):
 * POST `{next_action, sender_id, tracker, version, domain?}`; the answer's `responses` become `bot`
 * events (first) and its `events` follow. 400 rejects the action; every other failure throws a
 * ConfabError with a stable code, which the processor logs before continuing the conversation.
 */
import type { DomainJson } from "../../config/domain-json.js";
import { ConfabError } from "../../errors.js";
import type { ErrorCode } from "../../errors.js";
import { EventFormatError, parseEvents, trackerToJson } from "../../model/index.js";
import type { Domain, Event } from "../../model/index.js";
import { RASA_VERSION } from "../../version.js";
import type { Action, ActionContext } from "../action.js";
import { ActionRejected } from "../action.js";
import { botEventsForResponses } from "./bot-responses.js";
import { parseJsonBody, postJson } from "./endpoint-request.js";
import type { HttpEndpoint } from "./endpoint-request.js";

export interface ActionServerEndpoint extends HttpEndpoint {
  /** Rasa 3.4.3+: send the domain only to actions that ask for it. */
  enable_selective_domain: boolean;
}

/** Rasa sends the domain unless selective; `validate_*` actions and `send_domain: true` ones always get it. */
export function needsDomain(endpoint: ActionServerEndpoint, name: string, domain: Domain): boolean {
  if (!endpoint.enable_selective_domain) return true;
  return domain.actions_send_domain.includes(name) || name.startsWith("validate_");
}

export function actionRequestBody(
  name: string,
  ctx: ActionContext,
  endpoint: ActionServerEndpoint,
  domainJson: () => DomainJson,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    next_action: name,
    sender_id: ctx.tracker.senderId,
    tracker: trackerToJson(ctx.tracker, "ALL"),
    version: RASA_VERSION,
  };
  if (needsDomain(endpoint, name, ctx.domain)) body.domain = domainJson();
  return body;
}

function fail(code: ErrorCode, name: string, detail: string): ConfabError {
  return new ConfabError(code, `Failed to execute custom action '${name}': ${detail}`);
}

function errorText(value: unknown): string {
  const error = (value as { error?: unknown } | null)?.error;
  return typeof error === "string" ? error : "";
}

interface ActionAnswer {
  events: Event[];
  responses: Record<string, unknown>[];
}

/** Validates the 200 answer (Rasa: JSON schema on `events` and `responses`). */
function readAnswer(name: string, value: unknown, now: () => number): ActionAnswer {
  if (value === null) return { events: [], responses: [] };
  if (typeof value !== "object" || Array.isArray(value))
    throw fail("CONFAB_ERR_ACTION_SERVER_RESPONSE", name, "the answer is not a JSON object");
  const { events = [], responses = [] } = value as { events?: unknown; responses?: unknown };
  if (!Array.isArray(events)) throw fail("CONFAB_ERR_ACTION_SERVER_RESPONSE", name, "'events' is not a list");
  if (!Array.isArray(responses) || responses.some((r) => typeof r !== "object" || r === null || Array.isArray(r)))
    throw fail("CONFAB_ERR_ACTION_SERVER_RESPONSE", name, "'responses' is not a list of objects");
  try {
    return { events: parseEvents(events, { now }), responses: responses as Record<string, unknown>[] };
  } catch (err) {
    const detail = err instanceof EventFormatError ? `invalid event at events${err.message}` : String(err);
    throw fail("CONFAB_ERR_ACTION_SERVER_RESPONSE", name, detail);
  }
}

export class RemoteAction implements Action {
  constructor(
    readonly name: string,
    private readonly endpoint: ActionServerEndpoint,
    private readonly domainJson: () => DomainJson,
  ) {}

  async run(ctx: ActionContext): Promise<Event[]> {
    const { name, endpoint } = this;
    const body = actionRequestBody(name, ctx, endpoint, this.domainJson);
    ctx.logger.debug({ action: name, url: endpoint.url }, `Calling action endpoint to run action '${name}'.`);
    const outcome = await postJson(endpoint, body);
    if (outcome.kind === "timeout")
      throw fail(
        "CONFAB_ERR_ACTION_SERVER_TIMEOUT",
        name,
        `no answer from ${endpoint.url} within ${endpoint.timeout}s`,
      );
    if (outcome.kind === "unreachable")
      throw fail(
        "CONFAB_ERR_ACTION_SERVER_UNREACHABLE",
        name,
        `couldn't connect to the server at '${endpoint.url}' (${outcome.reason}). Is the server running?`,
      );
    const parsed = parseJsonBody(outcome.text);
    if (outcome.status === 400) {
      const message = parsed.ok ? errorText(parsed.value) : "";
      ctx.logger.error({ action: name, error: message }, `Custom action '${name}' rejected execution: ${message}`);
      throw new ActionRejected(name, message || undefined);
    }
    if (outcome.status === 404)
      throw fail("CONFAB_ERR_ACTION_NOT_FOUND", name, `the action server answered 404 ${outcome.text.slice(0, 200)}`);
    if (outcome.status < 200 || outcome.status >= 300)
      throw fail(
        "CONFAB_ERR_ACTION_SERVER_ERROR",
        name,
        `the action server answered ${outcome.status} ${outcome.text.slice(0, 200)}`,
      );
    if (!parsed.ok) throw fail("CONFAB_ERR_ACTION_SERVER_RESPONSE", name, "the answer is not valid JSON");
    const answer = readAnswer(name, parsed.value, ctx.now);
    const bots = await botEventsForResponses(answer.responses, ctx);
    return [...bots, ...answer.events];
  }
}
