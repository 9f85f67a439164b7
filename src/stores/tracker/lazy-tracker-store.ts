/**
 * @module stores/tracker/lazy-tracker-store
 * A tracker store whose driver is imported on first use, so the PostgreSQL and Redis clients are only loaded
 * (and only take memory) in servers configured for them.
 */
import type { Event } from "../../model/index.js";
import type { TrackerStore } from "../../ports/index.js";

export class LazyTrackerStore implements TrackerStore {
  private store: Promise<TrackerStore> | null = null;

  constructor(private readonly load: () => Promise<TrackerStore>) {}

  private get ready(): Promise<TrackerStore> {
    this.store ??= this.load();
    return this.store;
  }

  async retrieve(senderId: string): Promise<Event[] | null> {
    return (await this.ready).retrieve(senderId);
  }

  async append(senderId: string, events: readonly Event[]): Promise<void> {
    return (await this.ready).append(senderId, events);
  }

  async replace(senderId: string, events: readonly Event[]): Promise<void> {
    return (await this.ready).replace(senderId, events);
  }

  async keys(): Promise<string[]> {
    return (await this.ready).keys();
  }

  async delete(senderId: string): Promise<boolean> {
    return (await this.ready).delete(senderId);
  }

  async close(): Promise<void> {
    // Never opened: nothing to close (and no reason to load the driver now).
    if (this.store) await (await this.store).close();
  }
}
