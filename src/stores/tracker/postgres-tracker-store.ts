/**
 * @module stores/tracker/postgres-tracker-store
 * PostgreSQL tracker store (`tracker_store: {type: sql, dialect: postgresql, url, port, db, username,
 * password}` as in Rasa). Same `events` table shape as the SQLite store; each append is one transaction.
 */
import pg from "pg";
import type { Event } from "../../model/index.js";
import type { TrackerStore } from "../../ports/index.js";

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS events (
     id BIGSERIAL PRIMARY KEY,
     sender_id TEXT NOT NULL,
     type_name TEXT NOT NULL,
     timestamp DOUBLE PRECISION,
     intent_name TEXT,
     action_name TEXT,
     data TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS events_sender_id ON events (sender_id, id)`,
];

export interface PostgresConfig {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  /** Table name, for tests that need isolation (default `events`, as Rasa). */
  table?: string;
}

function columnsOf(e: Event): [string, number, string | null, string | null, string] {
  const intent = e.event === "user" && "name" in e.parse_data.intent ? e.parse_data.intent.name : null;
  return [e.event, e.timestamp, intent, e.event === "action" ? e.name : null, JSON.stringify(e)];
}

export class PostgresTrackerStore implements TrackerStore {
  private readonly pool: pg.Pool;
  private readonly table: string;
  private ready: Promise<void> | null = null;

  constructor(config: PostgresConfig) {
    this.table = config.table ?? "events";
    if (!/^[a-z_][a-z0-9_]*$/i.test(this.table)) throw new Error(`Invalid table name '${this.table}'`);
    this.pool = new pg.Pool({ ...config, max: 5 });
  }

  private migrate(): Promise<void> {
    this.ready ??= (async () => {
      for (const sql of MIGRATIONS) await this.pool.query(sql.replaceAll("events", this.table));
    })();
    return this.ready;
  }

  async retrieve(senderId: string): Promise<Event[] | null> {
    await this.migrate();
    const res = await this.pool.query<{ data: string }>(
      `SELECT data FROM ${this.table} WHERE sender_id = $1 ORDER BY id`,
      [senderId],
    );
    return res.rows.length === 0 ? null : res.rows.map((r) => JSON.parse(r.data) as Event);
  }

  private async write(senderId: string, events: readonly Event[], replace: boolean): Promise<void> {
    await this.migrate();
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      if (replace) await client.query(`DELETE FROM ${this.table} WHERE sender_id = $1`, [senderId]);
      for (const e of events) {
        await client.query(
          `INSERT INTO ${this.table} (sender_id, type_name, timestamp, intent_name, action_name, data) VALUES ($1, $2, $3, $4, $5, $6)`,
          [senderId, ...columnsOf(e)],
        );
      }
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK");
      throw err;
    } finally {
      client.release();
    }
  }

  append(senderId: string, events: readonly Event[]): Promise<void> {
    return this.write(senderId, events, false);
  }

  replace(senderId: string, events: readonly Event[]): Promise<void> {
    return this.write(senderId, events, true);
  }

  async keys(): Promise<string[]> {
    await this.migrate();
    const res = await this.pool.query<{ sender_id: string }>(
      `SELECT sender_id FROM ${this.table} GROUP BY sender_id ORDER BY MIN(id)`,
    );
    return res.rows.map((r) => r.sender_id);
  }

  async delete(senderId: string): Promise<boolean> {
    await this.migrate();
    const res = await this.pool.query(`DELETE FROM ${this.table} WHERE sender_id = $1`, [senderId]);
    return (res.rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
