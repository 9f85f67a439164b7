/**
 * @module core/message-processor
 * The conversation operations channels and the HTTP API call. Each one locks the conversation,
 * loads it, runs turn steps (`TurnEngine`) and saves what was added, even when a step fails,
 * so nothing already accepted is lost.
 */
import type { ActionRegistry } from "../actions/registry.js";
import { appliedEvents, createTracker, initialSlotValues } from "../model/index.js";
import type { Domain, Event, ExtractedEntity, ReminderScheduled, Tracker, UserMessage } from "../model/index.js";
import type {
  LockStore,
  Logger,
  NaturalLanguageGenerator,
  OutputChannel,
  ReminderScheduler,
  TrackerStore,
} from "../ports/index.js";
import { Conversation } from "./conversation.js";
import type { MessageInterpreter } from "./interpreter.js";
import { TrackerCache } from "./tracker-cache.js";
import type { ActionPrediction, ActionPredictor } from "./predictor.js";
import { forcedPrediction, TurnEngine } from "./turn-engine.js";
import type { IncomingUserMessage, SlotExtractionHook } from "./turn-engine.js";

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
  slotExtraction?: SlotExtractionHook;
  reminders?: ReminderScheduler;
}

/** A silent output channel for work nobody is listening to (e.g. a reminder with no channel to reach). */
const NOWHERE: OutputChannel = { name: "collector", sendResponse: () => Promise.resolve() };

export class MessageProcessor {
  readonly domain: Domain;
  readonly engine: TurnEngine;
  private readonly now: () => number;
  private readonly trackers: TrackerCache | null;

  constructor(private readonly deps: ProcessorDeps) {
    this.domain = deps.domain;
    this.trackers = deps.trackerStore.sharedLog ? new TrackerCache(initialSlotValues(deps.domain)) : null;
    this.now = deps.now ?? (() => Date.now() / 1000);
    this.engine = new TurnEngine({
      domain: deps.domain,
      interpreter: deps.interpreter,
      predictor: deps.predictor,
      actions: deps.actions,
      nlg: deps.nlg,
      logger: deps.logger,
      now: this.now,
      maxPredictions: deps.maxPredictions ?? 10,
      slotExtraction: deps.slotExtraction,
      reminders: deps.reminders,
    });
  }

  /** Locks, loads, runs `work`, saves (also on failure) and returns the tracker afterwards. */
  private withConversation(
    senderId: string,
    work: (c: Conversation) => Promise<void>,
    scope: "all" | "latest-session" = "all",
  ): Promise<Tracker> {
    return this.runTurn(senderId, work, scope, (c) => c.tracker);
  }

  /**
   * Locks, loads, runs `work`, saves (also on failure) and answers what `outcome` takes from the conversation. The
   * conversation is let go of before the save completes: SQLite commits the turns of one event-loop iteration
   * together, and 30-odd whole trackers held until that commit were promoted to the old generation, which sent the
   * server into a slow mode (1.5× the CPU and 1.6× the RSS per request) in about a third of the bench runs.
   */
  private runTurn<T>(
    senderId: string,
    work: (c: Conversation) => Promise<void>,
    scope: "all" | "latest-session",
    outcome: (c: Conversation) => T,
  ): Promise<T> {
    return this.deps.lockStore.withLock(senderId, async () => {
      let conversation: Conversation | null = await Conversation.load(
        this.deps.trackerStore,
        senderId,
        this.domain,
        scope,
        this.trackers,
      );
      let result: T;
      try {
        await work(conversation);
      } finally {
        const saving = conversation.save(this.deps.trackerStore);
        this.deps.logger.debug({ sender: senderId, events: conversation.newEvents() }, "Turn finished");
        result = outcome(conversation);
        conversation = null;
        await saving;
      }
      return result;
    });
  }

  /**
   * A user message end to end: session, parse, slots, actions until `action_listen`. Channels answer with the bot's
   * messages, so the turn's tracker is not kept for them (see `runTurn`).
   */
  handleMessage(message: UserMessage, output: OutputChannel): Promise<void> {
    return this.runTurn(
      message.senderId,
      (c) => this.userTurn(c, message, output),
      "latest-session",
      () => undefined,
    );
  }

  /** `handleMessage`, answering the tracker the turn left (its latest session), for a caller that inspects it. */
  handleMessageWithTracker(message: UserMessage, output: OutputChannel): Promise<Tracker> {
    return this.runTurn(
      message.senderId,
      (c) => this.userTurn(c, message, output),
      "latest-session",
      (c) => c.tracker,
    );
  }

  // Channel messages see the latest session only, like Rasa's processor (the HTTP API reads everything).
  private async userTurn(c: Conversation, message: UserMessage, output: OutputChannel): Promise<void> {
    // Most messages arrive in a live session: checked here, they skip an await per turn.
    if (this.engine.needsSession(c.tracker)) await this.engine.ensureSession(c, output, message.metadata);
    await this.engine.logUserMessage(c, message, output);
    if (this.engine.shouldHandle(c.tracker)) await this.engine.predictionLoop(c, output);
  }

  /**
   * An intent injected from outside (`/trigger_intent`, reminders): logged as the user text
   * `EXTERNAL: <intent>` with `is_external` metadata, then handled like a message (Rasa §3.2).
   */
  triggerIntent(
    senderId: string,
    intent: string,
    entities: ExtractedEntity[],
    output: OutputChannel,
    metadata: Record<string, unknown> = {},
  ): Promise<Tracker> {
    return this.withConversation(senderId, (c) => this.runExternal(c, intent, entities, output, metadata));
  }

  private async runExternal(
    c: Conversation,
    intent: string,
    entities: ExtractedEntity[],
    output: OutputChannel,
    metadata: Record<string, unknown>,
  ): Promise<void> {
    await this.engine.ensureSession(c, output);
    const message: IncomingUserMessage = {
      text: `EXTERNAL: ${intent}`,
      inputChannel: latestInputChannelOf(c.tracker),
      metadata: { ...metadata, is_external: true },
      parseData: { text: `EXTERNAL: ${intent}`, intent: { name: intent, confidence: 1 }, entities },
    };
    await this.engine.logUserMessage(c, message, output);
    if (this.engine.shouldHandle(c.tracker)) await this.engine.predictionLoop(c, output);
  }

  /** Runs one action by name, with no prediction afterwards (Rasa's `/execute`). */
  executeAction(
    senderId: string,
    action: string,
    output: OutputChannel,
    policy: string | null = null,
    confidence: number | null = null,
  ): Promise<Tracker> {
    return this.withConversation(senderId, async (c) => {
      await this.engine.ensureSession(c, output);
      const prediction = { ...forcedPrediction(action, policy), confidence: confidence ?? 1 };
      await this.engine.run(action, prediction, c, output);
    });
  }

  /** Logs a user message and runs slot extraction, without predicting (Rasa's `/messages`). */
  logMessage(senderId: string, message: IncomingUserMessage): Promise<Tracker> {
    return this.withConversation(senderId, async (c) => {
      await this.engine.ensureSession(c, NOWHERE, message.metadata);
      await this.engine.logUserMessage(c, message, NOWHERE);
    });
  }

  /** What the policies would do next; saves the session start a new conversation gets (as Rasa). */
  async predict(senderId: string): Promise<{ prediction: ActionPrediction; tracker: Tracker }> {
    let prediction: ActionPrediction | null = null;
    const tracker = await this.withConversation(senderId, async (c) => {
      await this.engine.ensureSession(c, NOWHERE);
      prediction = this.engine.predictNext(c.tracker);
    });
    return { prediction: prediction as unknown as ActionPrediction, tracker };
  }

  /** Prediction on a throw-away tracker built from `events` (Rasa's `/model/predict`). */
  predictFor(events: Event[]): ActionPrediction {
    return this.engine.predictNext(createTracker("default", initialSlotValues(this.domain), events));
  }

  /**
   * Appends events (`POST /tracker/events`). A new conversation first gets its session start unless
   * the events bring their own; with `executeSideEffects`, bot events are sent and reminders scheduled.
   */
  appendEvents(senderId: string, events: Event[], output: OutputChannel, executeSideEffects = false): Promise<Tracker> {
    return this.withConversation(senderId, async (c) => {
      const bringsSessionStart = events[0]?.event === "action" && events[0].name === "action_session_start";
      if (!bringsSessionStart) await this.engine.ensureSession(c, output);
      c.add(...events);
      if (executeSideEffects) await this.engine.sideEffects(senderId, events, output);
    });
  }

  /** Replaces the whole event log (`PUT /tracker/events`). */
  replaceEvents(senderId: string, events: Event[]): Promise<Tracker> {
    return this.deps.lockStore.withLock(senderId, async () => {
      await this.deps.trackerStore.replace(senderId, events);
      return createTracker(senderId, initialSlotValues(this.domain), events);
    });
  }

  /**
   * Fires a due reminder under the conversation lock. Dropped (returns null) when it was cancelled by
   * a restart, or when `kill_on_user_msg` is set and the user wrote after it was scheduled (Rasa).
   */
  async handleReminder(
    senderId: string,
    reminder: ReminderScheduled,
    output: OutputChannel = NOWHERE,
  ): Promise<Tracker | null> {
    let fired = false;
    const tracker = await this.withConversation(senderId, async (c) => {
      if (!isReminderAlive(c.tracker, reminder)) return;
      fired = true;
      await this.runExternal(c, reminder.intent, entitiesOf(reminder.entities), output, {});
    });
    return fired ? tracker : null;
  }

  /** The stored tracker, or a fresh one (not saved) for an unknown conversation. */
  async fetchTracker(senderId: string): Promise<Tracker> {
    return (await Conversation.load(this.deps.trackerStore, senderId, this.domain)).tracker;
  }

  async exists(senderId: string): Promise<boolean> {
    return (await this.deps.trackerStore.retrieve(senderId)) !== null;
  }
}

function latestInputChannelOf(tracker: Tracker): string | null {
  for (let i = tracker.events.length - 1; i >= 0; i--) {
    const e = tracker.events[i]!;
    if (e.event === "user") return e.input_channel;
  }
  return null;
}

/** Reminder entities may be a dict `{e: v}` or a list of entity objects. */
export function entitiesOf(entities: unknown): ExtractedEntity[] {
  if (Array.isArray(entities)) return entities.filter((e): e is ExtractedEntity => typeof e === "object" && e !== null);
  if (entities && typeof entities === "object") {
    return Object.entries(entities as Record<string, unknown>).map(([entity, value]) => ({ entity, value }));
  }
  return [];
}

function isReminderAlive(tracker: Tracker, reminder: ReminderScheduled): boolean {
  const applied = appliedEvents(tracker.events);
  // Rasa compares the whole reminder (name, intent, date): a later reminder of the same name is another one.
  const index = applied.findLastIndex(
    (e) => e.event === "reminder" && e.name === reminder.name && e.date_time === reminder.date_time,
  );
  if (index < 0) return false;
  const after = applied.slice(index + 1);
  if (after.some((e) => e.event === "cancel_reminder" && cancels(e, reminder))) return false;
  if (reminder.kill_on_user_msg && after.some((e) => e.event === "user" && e.text && !e.metadata?.is_external))
    return false;
  return true;
}

function cancels(c: Extract<Event, { event: "cancel_reminder" }>, r: ReminderScheduled): boolean {
  if (c.name) return c.name === r.name;
  if (c.intent && c.intent !== r.intent) return false;
  return true;
}
