/**
 * @module core/turn-engine
 * The steps of a turn on an already-locked, already-loaded conversation (Rasa's processor,
 * `rasa-protocol.md` §3.4): session start, logging the user message, slot extraction, the
 * prediction loop with its action budget, and side effects (bot messages, reminders).
 */
import type { Action, ActionContext } from "../actions/action.js";
import { extractSlots } from "../actions/extract-slots.js";
import type { ActionRegistry } from "../actions/registry.js";
import {
  ACTION_LISTEN,
  ACTION_SESSION_START,
  hasAppliedEvents,
  latestActionName,
  latestIntent,
  newHexId,
  SESSION_STARTED_METADATA_SLOT,
} from "../model/index.js";
import type { Domain, Event, ParseResult, Tracker } from "../model/index.js";
import type { Logger, NaturalLanguageGenerator, OutputChannel, ReminderScheduler } from "../ports/index.js";
import { runAction } from "./action-runner.js";
import type { Conversation } from "./conversation.js";
import type { MessageInterpreter } from "./interpreter.js";
import type { ActionPrediction, ActionPredictor } from "./predictor.js";
import { sessionHasExpired } from "./session.js";

/**
 * Extends `action_extract_slots`: receives the events the domain mappings produced and returns the
 * final list (custom mapping actions and `action_validate_slot_mappings` plug in here).
 */
export type SlotExtractionHook = (ctx: ActionContext, mapped: Event[]) => Promise<Event[]>;

export interface TurnEngineDeps {
  domain: Domain;
  interpreter: MessageInterpreter;
  predictor: ActionPredictor;
  actions: ActionRegistry;
  nlg: NaturalLanguageGenerator;
  logger: Logger;
  now: () => number;
  maxPredictions: number;
  slotExtraction?: SlotExtractionHook;
  reminders?: ReminderScheduler;
}

export interface IncomingUserMessage {
  text: string;
  inputChannel: string | null;
  messageId?: string;
  metadata?: Record<string, unknown>;
  parseData?: ParseResult;
}

/** Events `sideEffects` acts on (most actions, `action_listen` among them, have none: no await for them). */
const hasSideEffect = (e: Event): boolean =>
  e.event === "bot" || e.event === "reminder" || e.event === "cancel_reminder";

export const forcedPrediction = (action: string, policy: string | null = null): ActionPrediction => ({
  action,
  confidence: 1,
  policy,
  events: [],
});

export class TurnEngine {
  constructor(private readonly deps: TurnEngineDeps) {}

  context(channel: string): Omit<ActionContext, "tracker"> {
    const { domain, nlg, now, logger } = this.deps;
    return { domain, channel, nlg, now, logger };
  }

  /** Whether `ensureSession` has anything to do: no applied events yet, or the session expired. */
  needsSession(tracker: Tracker): boolean {
    return !hasAppliedEvents(tracker) || sessionHasExpired(tracker, this.deps.domain, this.deps.now());
  }

  /** Runs `action_session_start` for a conversation without applied events or with an expired session. */
  async ensureSession(
    conversation: Conversation,
    output: OutputChannel,
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    if (!this.needsSession(conversation.tracker)) return;
    if (metadata && Object.keys(metadata).length > 0) {
      conversation.add({
        event: "slot",
        timestamp: this.deps.now(),
        name: SESSION_STARTED_METADATA_SLOT,
        value: metadata,
      });
    }
    await this.run(ACTION_SESSION_START, forcedPrediction(ACTION_SESSION_START), conversation, output);
  }

  /** Parses (unless parse data is given), logs the `user` event and runs slot extraction. */
  async logUserMessage(conversation: Conversation, message: IncomingUserMessage, output: OutputChannel): Promise<void> {
    const messageId = message.messageId ?? newHexId();
    const text = message.text.trim();
    const parse =
      message.parseData ?? (await this.deps.interpreter.parse(text, { messageId, metadata: message.metadata ?? {} }));
    this.deps.logger.debug({ sender: conversation.tracker.senderId, parse }, "Received user message");
    conversation.add({
      event: "user",
      timestamp: this.deps.now(),
      metadata: message.metadata ?? {},
      text,
      parse_data: parse,
      input_channel: message.inputChannel,
      message_id: messageId,
    });
    await this.extractSlots(conversation, output);
  }

  async extractSlots(conversation: Conversation, output: OutputChannel): Promise<void> {
    const mapped = extractSlots(conversation.tracker, this.deps.domain, this.deps.now());
    const events = this.deps.slotExtraction
      ? await this.deps.slotExtraction(
          Object.assign({ tracker: conversation.tracker }, this.context(output.name)),
          mapped,
        )
      : mapped;
    conversation.add(...events);
    if (events.some(hasSideEffect)) await this.sideEffects(conversation.tracker.senderId, events, output);
  }

  /** Rasa keeps a paused conversation silent, except for `/restart`. */
  shouldHandle(tracker: Tracker): boolean {
    return !tracker.state.paused || latestIntent(tracker.state) === "restart";
  }

  predictNext(tracker: Tracker): ActionPrediction {
    const followup = tracker.state.followupAction;
    if (followup && this.deps.actions.resolve(followup)) return forcedPrediction(followup, "followup_action");
    const prediction = this.deps.predictor.predict(tracker, this.deps.domain);
    // Rasa's ensemble marks, once per user turn, that the user message was featurised by intent.
    const afterUser = latestActionName(tracker.state) === ACTION_LISTEN;
    if (afterUser && !prediction.events.some((e) => e.event === "user_featurization")) {
      const marker: Event = {
        event: "user_featurization",
        timestamp: this.deps.now(),
        use_text_for_featurization: false,
      };
      return { ...prediction, events: [marker, ...prediction.events] };
    }
    return prediction;
  }

  /** Runs one named action and its side effects; returns whether another action should be predicted. */
  async run(
    name: string,
    prediction: ActionPrediction,
    conversation: Conversation,
    output: OutputChannel,
  ): Promise<boolean> {
    const action: Action | null = this.deps.actions.resolve(name);
    if (!action) {
      this.deps.logger.error({ code: "CONFAB_ERR_ACTION_UNKNOWN", action: name }, `Unknown action '${name}'`);
      return false;
    }
    const before = conversation.tracker.events.length;
    const outcome = await runAction(action, prediction, conversation, this.context(output.name));
    const added = conversation.tracker.events.slice(before);
    if (added.some(hasSideEffect)) await this.sideEffects(conversation.tracker.senderId, added, output);
    if (added.some((e) => e.event === "user")) await this.extractSlots(conversation, output);
    if (outcome === "rejected") return true;
    return action.name !== ACTION_LISTEN && action.name !== ACTION_SESSION_START;
  }

  async predictionLoop(conversation: Conversation, output: OutputChannel): Promise<void> {
    let predicted = 0;
    let another = true;
    while (another && this.shouldHandle(conversation.tracker) && predicted < this.deps.maxPredictions) {
      const prediction = this.predictNext(conversation.tracker);
      predicted += 1;
      this.deps.logger.debug(
        {
          sender: conversation.tracker.senderId,
          action: prediction.action,
          policy: prediction.policy,
          confidence: prediction.confidence,
        },
        "Predicted next action",
      );
      another = await this.run(prediction.action, prediction, conversation, output);
    }
    if (another && predicted >= this.deps.maxPredictions) {
      this.deps.logger.warn(
        { code: "CONFAB_ERR_ACTION_LIMIT", sender: conversation.tracker.senderId },
        `Circuit breaker tripped. Stopped predicting more actions for sender '${conversation.tracker.senderId}'.`,
      );
      await this.run(ACTION_LISTEN, forcedPrediction(ACTION_LISTEN), conversation, output);
    }
  }

  /** Delivers `bot` events and (un)schedules reminders (Rasa's `execute_side_effects`). */
  async sideEffects(senderId: string, events: readonly Event[], output: OutputChannel): Promise<void> {
    for (const e of events) {
      if (e.event === "bot") await output.sendResponse(senderId, e);
      else if (e.event === "reminder") this.deps.reminders?.schedule(senderId, e);
      else if (e.event === "cancel_reminder") this.deps.reminders?.cancel(senderId, e);
    }
  }
}
