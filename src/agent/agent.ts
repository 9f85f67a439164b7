/**
 * @module agent/agent
 * The composition root for a loaded model: NLU interpreter, policies, actions, NLG, stores and
 * the turn processor, wired once. Channels only ever see `handleMessage`.
 */
import { TemplateNlg } from "../actions/template-nlg.js";
import { ActionRegistry } from "../actions/registry.js";
import type { MessageHandler } from "../channels/message-handler.js";
import { createInterpreter } from "../core/interpreter.js";
import { MessageProcessor } from "../core/message-processor.js";
import type { TrainedModel } from "../model-archive/archive.js";
import type { Logger, TrackerStore } from "../ports/index.js";
import { MemoryLockStore } from "../stores/lock/memory-lock-store.js";
import { createTrackerStore } from "../stores/tracker/create-tracker-store.js";

export interface AgentOptions {
  model: TrainedModel;
  projectRoot: string;
  logger: Logger;
  /** `endpoints.yml` contents (only `tracker_store` is used by the core so far). */
  endpoints?: Record<string, unknown>;
  trackerStore?: TrackerStore;
  now?: () => number;
  random?: () => number;
}

export interface Agent {
  readonly model: TrainedModel;
  readonly processor: MessageProcessor;
  readonly trackerStore: TrackerStore;
  readonly handleMessage: MessageHandler;
  close(): Promise<void>;
}

export function createAgent(options: AgentOptions): Agent {
  const { model, logger } = options;
  const trackerStore =
    options.trackerStore ??
    createTrackerStore(
      options.endpoints?.tracker_store as Record<string, unknown> | undefined,
      options.projectRoot,
      logger,
    );
  const nlg = new TemplateNlg(model.domain, { random: options.random, logger });
  const processor = new MessageProcessor({
    domain: model.domain,
    interpreter: createInterpreter(model.nlu, model.domain),
    predictor: model.policies,
    actions: new ActionRegistry(model.domain),
    nlg,
    trackerStore,
    lockStore: new MemoryLockStore(),
    logger,
    now: options.now,
  });
  return {
    model,
    processor,
    trackerStore,
    handleMessage: async (message, output) => {
      await processor.handleMessage(message, output);
    },
    close: () => trackerStore.close(),
  };
}
