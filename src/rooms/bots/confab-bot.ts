/**
 * @module rooms/bots/confab-bot
 * A room bot run in-process: a Confab project trained at start-up and driven through the
 * MessageProcessor. Speaker slots are set by the `speakerSlots` extraction step inside each turn;
 * bot messages go to the room through a custom output channel as each action produces them.
 */
import { createAgent } from "../../agent/agent.js";
import type { Agent } from "../../agent/agent.js";
import type { CustomActionFactory } from "../../actions/registry.js";
import { loadProject } from "../../config/index.js";
import type { Event } from "../../model/index.js";
import type { Logger, OutputChannel, TrackerStore } from "../../ports/index.js";
import { trainModel } from "../../training/train.js";
import { rosterOf, speakerSlots, usersAfter } from "./speaker-slots.js";
import { TimerReminders } from "./timer-reminders.js";
import type { BotConnector, BotRoom, ReplySink, Speaker } from "./types.js";
import { ROSTER_KEY, SPEAKER_KEY } from "./types.js";

export interface ConfabBotOptions {
  projectDir: string;
  trackerStore: TrackerStore;
  logger: Logger;
  sink: ReplySink;
  customActions: CustomActionFactory;
  warn?: (message: string) => void;
}

export const ROOMS_CHANNEL = "rooms";

export async function createConfabBot(options: ConfabBotOptions): Promise<BotConnector & { agent: Agent }> {
  const project = loadProject(options.projectDir, {});
  const { model } = trainModel(project, { seed: 42, warn: options.warn });
  const reminders = new TimerReminders(options.logger);
  const output: OutputChannel = {
    name: ROOMS_CHANNEL,
    sendResponse: (recipientId, bot) => {
      options.sink(recipientId, { text: bot.text, data: { ...bot.data } });
      return Promise.resolve();
    },
  };
  const agent = createAgent({
    model,
    projectRoot: options.projectDir,
    logger: options.logger,
    endpoints: {},
    trackerStore: options.trackerStore,
    customActions: options.customActions,
    slotExtraction: speakerSlots,
    reminders,
  });
  await reminders.start(agent.processor, () => output);
  const { processor } = agent;

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
      reminders.cancelOnUserMessage(room.link);
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
      reminders.cancelOnUserMessage(id);
      return options.trackerStore.delete(id);
    },
    trainingStories: () => ({ stories: project.training.stories, rules: project.training.rules }),
    close: () => {
      reminders.stop();
      return Promise.resolve();
    },
  };
}
