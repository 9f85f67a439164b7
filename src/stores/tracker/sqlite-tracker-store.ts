/**
 * @module stores/tracker/sqlite-tracker-store
 * SQLite tracker store (the default; `.confab/tracker.db` in the project). One row per event in an
 * `events` table shaped like Rasa's SQLTrackerStore (sender_id, type_name, timestamp, intent_name,
 * action_name, data = the event's JSON), so existing SQL analytics keep working.
 * Each append is one transaction in WAL mode: a turn is either fully stored or not at all.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Event } from "../../model/index.js";
import type { TrackerStore } from "../../ports/index.js";

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     sender_id TEXT NOT NULL,
     type_name TEXT NOT NULL,
     timestamp REAL,
     intent_name TEXT,
     action_name TEXT,
     data TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS events_sender_id ON events (sender_id, id)`,
  // Finds a conversation's latest session start without reading its older rows (see `selectLatestSession`).
  `CREATE INDEX IF NOT EXISTS events_sender_type ON events (sender_id, type_name, id)`,
];

function intentName(e: Event): string | null {
  if (e.event !== "user") return null;
  const intent = e.parse_data.intent;
  return "name" in intent ? intent.name : null;
}

export class SqliteTrackerStore implements TrackerStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  // Both read the `data` column alone (`pluck`): no row object per event.
  private readonly select: Database.Statement<[string], string>;
  private readonly selectLatestSession: Database.Statement<[string, string], string>;
  /** Built once: better-sqlite3 compiles a transaction wrapper per `transaction()` call. */
  private readonly appendAll: (senderId: string, events: readonly Event[]) => void;

  constructor(file: string) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    for (const sql of MIGRATIONS) this.db.exec(sql);
    this.insert = this.db.prepare(
      "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.select = this.db.prepare<[string], string>("SELECT data FROM events WHERE sender_id = ? ORDER BY id").pluck();
    this.appendAll = this.db.transaction((senderId: string, events: readonly Event[]) =>
      this.insertAll(senderId, events),
    );
    // Rasa's SQLTrackerStore does the same: rows from the last session_started on, older sessions stay unread.
    this.selectLatestSession = this.db
      .prepare<[string, string], string>(
        `SELECT data FROM events WHERE sender_id = ? AND id >= COALESCE(
           (SELECT MAX(id) FROM events WHERE sender_id = ? AND type_name = 'session_started'), 0)
         ORDER BY id`,
      )
      .pluck();
  }

  retrieve(senderId: string): Promise<Event[] | null> {
    const rows = this.select.all(senderId);
    return Promise.resolve(rows.length === 0 ? null : rows.map((data) => JSON.parse(data) as Event));
  }

  retrieveLatestSession(senderId: string): Promise<Event[] | null> {
    const rows = this.selectLatestSession.all(senderId, senderId);
    return Promise.resolve(rows.length === 0 ? null : rows.map((data) => JSON.parse(data) as Event));
  }

  private insertAll(senderId: string, events: readonly Event[]): void {
    for (const e of events) {
      const actionName = e.event === "action" ? e.name : null;
      this.insert.run(senderId, e.event, e.timestamp, intentName(e), actionName, JSON.stringify(e));
    }
  }

  append(senderId: string, events: readonly Event[]): Promise<void> {
    this.appendAll(senderId, events);
    return Promise.resolve();
  }

  replace(senderId: string, events: readonly Event[]): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM events WHERE sender_id = ?").run(senderId);
      this.insertAll(senderId, events);
    })();
    return Promise.resolve();
  }

  keys(): Promise<string[]> {
    const rows = this.db.prepare("SELECT sender_id FROM events GROUP BY sender_id ORDER BY MIN(id)").all() as {
      sender_id: string;
    }[];
    return Promise.resolve(rows.map((r) => r.sender_id));
  }

  delete(senderId: string): Promise<boolean> {
    const info = this.db.prepare("DELETE FROM events WHERE sender_id = ?").run(senderId);
    return Promise.resolve(info.changes > 0);
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
