/**
 * @module core/message-processor
 * One turn, as Rasa's processor runs it (`rasa-protocol.md` §3.4): lock the conversation, load it,
 * start or renew the session, parse the text, extract slots, predict and run actions until
 * `action_listen` (with Rasa's 10-action budget), then save. Channels call `handleMessage`.
 */
import { randomUUID } from "node:crypto";
import type { ActionContext } from "../actions/action.js";
import { extractSlots } from "../actions/extract-slots.js";
import type { ActionRegistry } from "../actions/registry.js";
import {
  ACTION_LISTEN,
  ACTION_SESSION_START,
  appliedEvents,
  latestActionName,
  latestIntent,
  SESSION_STARTED_METADATA_SLOT,
} from "../model/index.js";
import type { Domain, Tracker, UserMessage } from "../model/index.js";
import type { LockStore, Logger, NaturalLanguageGenerator, OutputChannel, TrackerStore } from "../ports/index.js";
import { runAction } from "./action-runner.js";
import { Conversation } from "./conversation.js";
import type { MessageInterpreter } from "./interpreter.js";
import type { ActionPrediction, ActionPredictor } from "./predictor.js";
import { sessionHasExpired } from "./session.js";

export interface ProcessorDeps {
  domain: Domain;
  interpreter: MessageInterpreter;
  predictor: ActionPredictor;
  actions: ActionRegistry;
  nlg: NaturalLanguageGenerator;
  trackerStore: TrackerStore;
  lockStore: LockStore;
  logger: Logger;
  /** Epoch seconds. */
  now?: () => number;
  /** Rasa's MAX_NUMBER_OF_PREDICTIONS. */
  maxPredictions?: number;
}

const forAction = (action: string, policy: string | null = null): ActionPrediction => ({
  action,
  confidence: 1,
  policy,
  events: [],
});

export class MessageProcessor {
  readonly domain: Domain;
  private readonly now: () => number;
  private readonly maxPredictions: number;

  constructor(private readonly deps: ProcessorDeps) {
    this.domain = deps.domain;
    this.now = deps.now ?? (() => Date.now() / 1000);
    this.maxPredictions = deps.maxPredictions ?? 10;
  }

  private context(channel: string): Omit<ActionContext, "tracker"> {
    return { domain: this.domain, channel, nlg: this.deps.nlg, now: this.now, logger: this.deps.logger };
  }

  /** Handles one user message end to end and returns the tracker after the turn. */
  handleMessage(message: UserMessage, output: OutputChannel): Promise<Tracker> {
    return this.deps.lockStore.withLock(message.senderId, async () => {
      const conversation = await Conversation.load(this.deps.trackerStore, message.senderId, this.domain);
      try {
        await this.ensureSession(conversation, output, message.metadata);
        await this.logUserMessage(conversation, message);
        if (this.shouldHandle(conversation.tracker)) await this.predictionLoop(conversation, output);
      } finally {
        // Whatever happened, what was accepted is kept.
        await conversation.save(this.deps.trackerStore);
      }
      return conversation.tracker;
    });
  }

  /** Runs `action_session_start` for a new conversation or an expired session. */
  private async ensureSession(
    conversation: Conversation,
    output: OutputChannel,
    metadata: Record<string, unknown> | undefined,
  ): Promise<void> {
    const tracker = conversation.tracker;
    const noHistory = appliedEvents(tracker.events).length === 0;
    if (!noHistory && !sessionHasExpired(tracker, this.domain, this.now())) return;
    if (metadata && Object.keys(metadata).length > 0) {
      conversation.add({ event: "slot", timestamp: this.now(), name: SESSION_STARTED_METADATA_SLOT, value: metadata });
    }
    const action = this.deps.actions.resolve(ACTION_SESSION_START);
    if (action)
      await runAction(action, forAction(ACTION_SESSION_START), conversation, this.context(output.name), output);
  }

  private async logUserMessage(conversation: Conversation, message: UserMessage): Promise<void> {
    const messageId = message.messageId ?? randomUUID().replace(/-/g, "");
    const text = message.text.trim();
    const parse =
      message.parseData ?? (await this.deps.interpreter.parse(text, { messageId, metadata: message.metadata ?? {} }));
    this.deps.logger.debug({ sender: message.senderId, parse }, "Received user message");
    conversation.add({
      event: "user",
      timestamp: this.now(),
      metadata: message.metadata ?? {},
      text,
      parse_data: parse,
      input_channel: message.inputChannel,
      message_id: messageId,
    });
    conversation.add(...extractSlots(conversation.tracker, this.domain, this.now()));
  }

  /** Rasa keeps a paused conversation silent, except for `/restart`. */
  private shouldHandle(tracker: Tracker): boolean {
    return !tracker.state.paused || latestIntent(tracker.state) === "restart";
  }

  private predictNext(tracker: Tracker): ActionPrediction {
    const followup = tracker.state.followupAction;
    if (followup && this.deps.actions.resolve(followup)) return forAction(followup, "followup_action");
    const prediction = this.deps.predictor.predict(tracker, this.domain);
    // Rasa's ensemble marks, once per user turn, that the user message was featurised by intent.
    if (
      latestActionName(tracker.state) === ACTION_LISTEN &&
      !prediction.events.some((e) => e.event === "user_featurization")
    ) {
      return {
        ...prediction,
        events: [
          { event: "user_featurization", timestamp: this.now(), use_text_for_featurization: false },
          ...prediction.events,
        ],
      };
    }
    return prediction;
  }

  async predictionLoop(conversation: Conversation, output: OutputChannel): Promise<void> {
    let predicted = 0;
    let another = true;
    while (another && this.shouldHandle(conversation.tracker) && predicted < this.maxPredictions) {
      const prediction = this.predictNext(conversation.tracker);
      const action = this.deps.actions.resolve(prediction.action);
      predicted += 1;
      if (!action) {
        this.deps.logger.error(
          { code: "CONFAB_ERR_ACTION_UNKNOWN", action: prediction.action },
          "Predicted an unknown action",
        );
        break;
      }
      this.deps.logger.debug(
        {
          sender: conversation.tracker.senderId,
          action: action.name,
          policy: prediction.policy,
          confidence: prediction.confidence,
        },
        "Predicted next action",
      );
      const outcome = await runAction(action, prediction, conversation, this.context(output.name), output);
      if (outcome === "rejected") continue;
      another = action.name !== ACTION_LISTEN && action.name !== ACTION_SESSION_START;
    }
    if (another && predicted >= this.maxPredictions) {
      this.deps.logger.warn(
        { code: "CONFAB_ERR_ACTION_LIMIT", sender: conversation.tracker.senderId },
        `Circuit breaker tripped. Stopped predicting more actions for sender '${conversation.tracker.senderId}'.`,
      );
      const listen = this.deps.actions.resolve(ACTION_LISTEN);
      if (listen) await runAction(listen, forAction(ACTION_LISTEN), conversation, this.context(output.name), output);
    }
  }

  /** The stored tracker, or a fresh one (not saved) for an unknown conversation. */
  async fetchTracker(senderId: string): Promise<Tracker> {
    return (await Conversation.load(this.deps.trackerStore, senderId, this.domain)).tracker;
  }
}
