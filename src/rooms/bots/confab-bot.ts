/**
 * @module rooms/bots/confab-bot
 * A room bot run in-process: a Confab project trained at start-up and driven through the
 * MessageProcessor. Speaker slots are set by the `speakerSlots` extraction step inside each turn;
 * bot messages go to the room through a custom output channel as each action produces them.
 * Reminders (the nice bot's quiet timer) use the agent's reminder service: a due reminder fires
 * through `handleReminder`, which drops it when a human wrote since (Rasa's `kill_on_user_msg`).
 */
import { startAgent } from "../../agent/agent.js";
import type { Agent } from "../../agent/agent.js";
import type { CustomActionFactory } from "../../actions/registry.js";
import { loadProject } from "../../config/index.js";
import type { Event } from "../../model/index.js";
import type { Logger, OutputChannel, TrackerStore } from "../../ports/index.js";
import { createReminderService } from "../../reminders/index.js";
import { trainModel } from "../../training/train.js";
import { rosterOf, speakerSlots, usersAfter } from "./speaker-slots.js";
import { conversationsOfBotType } from "./own-conversations.js";
import type { BotConnector, BotRoom, ReplySink, Speaker } from "./types.js";
import { ROSTER_KEY, SPEAKER_KEY } from "./types.js";

export interface ConfabBotOptions {
  projectDir: string;
  trackerStore: TrackerStore;
  logger: Logger;
  sink: ReplySink;
  customActions: CustomActionFactory;
  /** The room type this bot serves: only its own stored reminders are re-armed at start-up. */
  botType?: string;
  warn?: (message: string) => void;
}

export const ROOMS_CHANNEL = "rooms";

export async function createConfabBot(options: ConfabBotOptions): Promise<BotConnector & { agent: Agent }> {
  const project = loadProject(options.projectDir, {});
  const { model } = trainModel(project, { seed: 42, warn: options.warn });
  const ownStore = options.botType ? conversationsOfBotType(options.trackerStore, options.botType) : null;
  const output: OutputChannel = {
    name: ROOMS_CHANNEL,
    sendResponse: (recipientId, bot) => {
      options.sink(recipientId, { text: bot.text, data: { ...bot.data } });
      return Promise.resolve();
    },
  };
  const agent = await startAgent({
    model,
    projectRoot: options.projectDir,
    logger: options.logger,
    endpoints: {},
    trackerStore: options.trackerStore,
    customActions: options.customActions,
    slotExtraction: speakerSlots,
    outputFor: () => output,
    ...(ownStore ? { reminders: createReminderService(ownStore, options.logger) } : {}),
  });
  const { processor, reminders } = agent;
  const cancelAll = (id: string) => reminders.cancel(id, { event: "cancel_reminder", timestamp: Date.now() / 1000 });

  return {
    agent,
    async activate(room: BotRoom, roster: Speaker[]) {
      const tracker = await processor.fetchTracker(room.link);
      const now = Date.now() / 1000;
      const events: Event[] = [
        { event: "slot", timestamp: now, name: "bot_type", value: room.botType },
        { event: "slot", timestamp: now, name: "users", value: usersAfter(tracker.state.slots.users, roster, null) },
      ];
      await processor.appendEvents(room.link, events, output);
    },
    async message(room, speaker, text, roster, messageId) {
      await processor.handleMessage(
        {
          text,
          senderId: room.link,
          inputChannel: ROOMS_CHANNEL,
          messageId,
          metadata: { [SPEAKER_KEY]: speaker, [ROSTER_KEY]: rosterOf(roster) },
        },
        output,
      );
    },
    events: (id) => options.trackerStore.retrieve(id),
    async deleteConversation(id) {
      cancelAll(id);
      return options.trackerStore.delete(id);
    },
    trainingStories: () => ({ stories: project.training.stories, rules: project.training.rules }),
    close: () => {
      reminders.stop();
      return Promise.resolve();
    },
  };
}
