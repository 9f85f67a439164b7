/**
 * @module agent/agent
 * The composition root for a loaded model: NLU interpreter, policies, actions (built-in, forms,
 * action server), NLG, stores, reminders and the turn processor, wired once from `endpoints.yml`.
 * Channels only ever see `handleMessage`.
 */
import { createFormActions } from "../actions/forms/index.js";
import { ActionRegistry } from "../actions/registry.js";
import type { CustomActionFactory } from "../actions/registry.js";
import { createActionServer } from "../actions/remote/index.js";
import type { MessageHandler } from "../channels/message-handler.js";
import { createInterpreter } from "../core/interpreter.js";
import { MessageProcessor } from "../core/message-processor.js";
import type { SlotExtractionHook } from "../core/turn-engine.js";
import type { TrainedModel } from "../model-archive/archive.js";
import { createNlg } from "../nlg/index.js";
import type { LockStore, Logger, OutputChannel, TrackerStore } from "../ports/index.js";
import { createReminderService } from "../reminders/index.js";
import type { ReminderService } from "../reminders/index.js";
import { MemoryLockStore } from "../stores/lock/memory-lock-store.js";
import { createTrackerStore } from "../stores/tracker/create-tracker-store.js";

export interface AgentOptions {
  model: TrainedModel;
  projectRoot: string;
  logger: Logger;
  /** `endpoints.yml` contents. */
  endpoints?: Record<string, unknown>;
  trackerStore?: TrackerStore;
  /** Shared across model swaps (`PUT /model`), as Rasa keeps its lock store. */
  lockStore?: LockStore;
  now?: () => number;
  random?: () => number;
  /** Output channel for work not started by a channel request (reminders), by channel name. */
  outputFor?: (channel: string | null) => OutputChannel;
  /** In-process custom actions (used instead of the action server's). */
  customActions?: CustomActionFactory;
  /** Runs before the action server's slot-extraction step (e.g. the rooms service's speaker slots). */
  slotExtraction?: SlotExtractionHook;
  /** Replaces the reminder service (the rooms service limits re-arming to one bot type's conversations). */
  reminders?: ReminderService;
}

export interface Agent {
  readonly model: TrainedModel;
  readonly processor: MessageProcessor;
  readonly trackerStore: TrackerStore;
  readonly reminders: ReminderService;
  readonly handleMessage: MessageHandler;
  close(): Promise<void>;
}

const NOWHERE: OutputChannel = { name: "collector", sendResponse: () => Promise.resolve() };

export async function startAgent(options: AgentOptions): Promise<Agent> {
  const agent = createAgent(options);
  await agent.reminders.start(agent.processor, options.outputFor ?? (() => NOWHERE));
  return agent;
}

export function createAgent(options: AgentOptions): Agent {
  const { model, logger } = options;
  const endpoints = options.endpoints ?? {};
  const trackerStore =
    options.trackerStore ??
    createTrackerStore(endpoints.tracker_store as Record<string, unknown> | undefined, options.projectRoot, logger);
  const actionServer = createActionServer(endpoints.action_endpoint, model.domain, logger);
  const reminders = options.reminders ?? createReminderService(trackerStore, logger);
  const ownSlots = options.slotExtraction;
  const serverSlots = actionServer.slotExtraction;
  const slotExtraction: SlotExtractionHook | undefined =
    ownSlots && serverSlots
      ? async (ctx, mapped) => serverSlots(ctx, await ownSlots(ctx, mapped))
      : (ownSlots ?? serverSlots);
  const processor = new MessageProcessor({
    domain: model.domain,
    interpreter: createInterpreter(model.nlu, model.domain),
    predictor: model.policies,
    actions: new ActionRegistry(
      model.domain,
      options.customActions ?? actionServer.customActions,
      createFormActions(model.domain),
    ),
    nlg: createNlg(endpoints.nlg, model.domain, { random: options.random, logger }),
    trackerStore,
    lockStore: options.lockStore ?? new MemoryLockStore(),
    logger,
    now: options.now,
    slotExtraction,
    reminders,
  });
  return {
    model,
    processor,
    trackerStore,
    reminders,
    handleMessage: async (message, output) => {
      await processor.handleMessage(message, output);
    },
    close: async () => {
      reminders.stop();
      await trackerStore.close();
    },
  };
}
