/**
 * @module stores/tracker/redis-tracker-store
 * Redis tracker store (`tracker_store: {type: redis, url, port, db, password, key_prefix, record_exp}`
 * as in Rasa). Each conversation is a list of event JSON strings under `<key_prefix><sender_id>`, so an
 * append is one atomic RPUSH (no read-modify-write); `record_exp` (seconds) expires idle conversations.
 */
import { Redis } from "ioredis";
import type { Event } from "../../model/index.js";
import type { TrackerStore } from "../../ports/index.js";

export interface RedisConfig {
  host?: string;
  port?: number;
  db?: number;
  username?: string;
  password?: string;
  keyPrefix?: string;
  recordExp?: number | null;
}

export class RedisTrackerStore implements TrackerStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly order: string;

  constructor(private readonly config: RedisConfig) {
    this.redis = new Redis({
      host: config.host ?? "localhost",
      port: config.port ?? 6379,
      db: config.db ?? 0,
      username: config.username,
      password: config.password,
      lazyConnect: true,
      maxRetriesPerRequest: 2,
    });
    // Without a listener ioredis reports connection problems as unhandled errors.
    this.redis.on("error", () => undefined);
    this.prefix = config.keyPrefix ?? "tracker:";
    this.order = `${this.prefix}__conversations__`;
  }

  async retrieve(senderId: string): Promise<Event[] | null> {
    const items = await this.redis.lrange(this.prefix + senderId, 0, -1);
    return items.length === 0 ? null : items.map((i) => JSON.parse(i) as Event);
  }

  async append(senderId: string, events: readonly Event[]): Promise<void> {
    if (events.length === 0) return;
    const key = this.prefix + senderId;
    const tx = this.redis.multi().rpush(key, ...events.map((e) => JSON.stringify(e)));
    tx.zadd(this.order, "NX", Date.now(), senderId);
    if (this.config.recordExp) tx.expire(key, this.config.recordExp);
    await tx.exec();
  }

  async replace(senderId: string, events: readonly Event[]): Promise<void> {
    const key = this.prefix + senderId;
    const tx = this.redis.multi().del(key);
    if (events.length > 0) tx.rpush(key, ...events.map((e) => JSON.stringify(e)));
    tx.zadd(this.order, "NX", Date.now(), senderId);
    await tx.exec();
  }

  async keys(): Promise<string[]> {
    const ids = await this.redis.zrange(this.order, 0, -1);
    const alive = await Promise.all(ids.map(async (id) => ((await this.redis.exists(this.prefix + id)) ? id : null)));
    return alive.filter((id): id is string => id !== null);
  }

  async delete(senderId: string): Promise<boolean> {
    const [[, removed] = []] =
      (await this.redis
        .multi()
        .del(this.prefix + senderId)
        .zrem(this.order, senderId)
        .exec()) ?? [];
    return removed === 1;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
