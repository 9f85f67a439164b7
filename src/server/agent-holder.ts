/**
 * @module server/agent-holder
 * The agent the server currently serves, or none. `PUT /model` swaps it, `DELETE /model` empties
 * it (later API calls answer 409, as Rasa's `ensure_loaded_agent`). The tracker store and lock
 * store outlive a swap, so conversations continue on the new model (Rasa keeps its lock store).
 */
import type { Agent } from "../agent/agent.js";
import type { MessageHandler } from "../channels/message-handler.js";
import type { TrainedModel } from "../model-archive/archive.js";
import type { Logger, TrackerStore } from "../ports/index.js";

export type AgentStarter = (model: TrainedModel) => Promise<Agent>;

export class AgentHolder {
  private current: Agent | null;

  constructor(
    private readonly startAgent: AgentStarter,
    readonly trackerStore: TrackerStore,
    private readonly logger: Logger,
    initial: Agent | null = null,
  ) {
    this.current = initial;
  }

  static async start(
    startAgent: AgentStarter,
    trackerStore: TrackerStore,
    logger: Logger,
    model: TrainedModel | null,
  ): Promise<AgentHolder> {
    const agent = model ? await startAgent(model) : null;
    return new AgentHolder(startAgent, trackerStore, logger, agent);
  }

  get agent(): Agent | null {
    return this.current;
  }

  /** Serves `model` from now on; the previous agent's reminders stop, its stores are kept. */
  async load(model: TrainedModel): Promise<Agent> {
    const next = await this.startAgent(model);
    const previous = this.current;
    this.current = next;
    previous?.reminders.stop();
    this.logger.info({ model: model.file ?? model.metadata.model_id }, "Model loaded");
    return next;
  }

  unload(): void {
    const previous = this.current;
    this.current = null;
    previous?.reminders.stop();
    this.logger.info({ model: previous?.model.file }, "Model unloaded");
  }

  /** Channels call this; with no model loaded the message is logged and dropped, as in Rasa. */
  readonly handleMessage: MessageHandler = async (message, output) => {
    const agent = this.current;
    if (!agent) {
      this.logger.warn({ sender: message.senderId }, "No model loaded; ignoring the message");
      return;
    }
    await agent.handleMessage(message, output);
  };

  async close(): Promise<void> {
    this.current?.reminders.stop();
    this.current = null;
    await this.trackerStore.close();
  }
}
