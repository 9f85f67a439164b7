import { describe, expect, it } from "vitest";
import type { MessageProcessor } from "../../core/message-processor.js";
import type { Event } from "../../model/index.js";
import { silentLogger } from "../../ports/index.js";
import { createReminderService } from "../../reminders/index.js";
import { MemoryTrackerStore } from "../../stores/tracker/memory-tracker-store.js";
import { conversationsOfBotType } from "./own-conversations.js";

const room = (botType: string, dueMs: number): Event[] => [
  { event: "slot", timestamp: 1, name: "bot_type", value: botType },
  {
    event: "reminder",
    timestamp: 2,
    intent: "EXTERNAL_positive_evaluation_timer",
    entities: null,
    date_time: new Date(dueMs).toISOString(),
    name: "positive_evaluation_timer",
    kill_on_user_msg: true,
  },
];

describe("conversationsOfBotType", () => {
  it("re-arms only the reminders of rooms served by its own bot type", async () => {
    const store = new MemoryTrackerStore();
    await store.append("nice-room", room("Normal", Date.now()));
    await store.append("troll-room", room("Troll", Date.now()));
    expect(await conversationsOfBotType(store, "Normal").keys()).toEqual(["nice-room"]);

    const fired: string[] = [];
    const processor = {
      fetchTracker: () => Promise.resolve({ events: [] }),
      handleReminder: (sender: string) => {
        fired.push(sender);
        return Promise.resolve(null);
      },
    } as unknown as MessageProcessor;
    const service = createReminderService(conversationsOfBotType(store, "Normal"), silentLogger);
    await service.start(processor, () => ({ name: "rooms", sendResponse: () => Promise.resolve() }));
    await new Promise((r) => setTimeout(r, 50));
    service.stop();
    expect(fired).toEqual(["nice-room"]);
  });
});
