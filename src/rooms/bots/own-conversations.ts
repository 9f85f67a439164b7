/**
 * @module rooms/bots/own-conversations
 * All room bots share one tracker database. The reminder service re-arms the reminders it finds
 * in stored conversations at start-up; this view lists only the conversations of one bot type, so
 * a restarted nice bot never fires the troll bot's reminders (and the other way round).
 */
import type { Event } from "../../model/index.js";
import type { TrackerStore } from "../../ports/index.js";

function botTypeOf(events: readonly Event[] | null): unknown {
  const slot = events?.findLast((e) => e.event === "slot" && e.name === "bot_type");
  return slot?.event === "slot" ? slot.value : undefined;
}

export function conversationsOfBotType(store: TrackerStore, botType: string): TrackerStore {
  return {
    retrieve: (id) => store.retrieve(id),
    append: (id, events) => store.append(id, events),
    replace: (id, events) => store.replace(id, events),
    delete: (id) => store.delete(id),
    close: () => Promise.resolve(),
    async keys() {
      const own: string[] = [];
      for (const id of await store.keys()) if (botTypeOf(await store.retrieve(id)) === botType) own.push(id);
      return own;
    },
  };
}
