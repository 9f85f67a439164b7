/**
 * @module stores/tracker/sqlite-tracker-store
 * SQLite tracker store (the default; `.confab/tracker.db` in the project). One row per event in an
 * `events` table shaped like Rasa's SQLTrackerStore (sender_id, type_name, timestamp, intent_name,
 * action_name, data = the event's JSON), so existing SQL analytics keep working.
 * Appends are committed in WAL mode, a turn's events either all stored or none. Appends made in the same event-loop
 * iteration (concurrent turns of different conversations) share one transaction: a commit costs far more than an
 * insert, so under load this is most of the store's write cost. Each `append` still resolves only once its events
 * are committed. A call about a conversation with appends still waiting commits them first, so every caller reads
 * its own writes in order; calls about other conversations leave the batch alone (a turn reads its conversation
 * before it appends, and committing there would split every batch into single appends).
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

/** An event as its row: sender_id, type_name, timestamp, intent_name, action_name, data. */
type EventRow = [string, string, number | undefined, string | null, string | null, string];

function rowOf(senderId: string, e: Event): EventRow {
  const actionName = e.event === "action" ? e.name : null;
  return [senderId, e.event, e.timestamp, intentName(e), actionName, JSON.stringify(e)];
}

interface PendingAppend {
  senderId: string;
  /** Serialised when `append` is called: the caller may change its objects afterwards. */
  rows: EventRow[];
  stored: () => void;
  failed: (error: unknown) => void;
}

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
  private readonly appendBatch: (batch: readonly PendingAppend[]) => void;
  private pending: PendingAppend[] = [];
  /** The conversations with appends in `pending`. */
  private readonly pendingSenders = new Set<string>();

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
    this.appendBatch = this.db.transaction((batch: readonly PendingAppend[]) => {
      for (const p of batch) for (const row of p.rows) this.insert.run(...row);
    });
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
    this.commitPendingOf(senderId);
    const rows = this.select.all(senderId);
    return Promise.resolve(rows.length === 0 ? null : rows.map((data) => JSON.parse(data) as Event));
  }

  retrieveLatestSession(senderId: string): Promise<Event[] | null> {
    this.commitPendingOf(senderId);
    const rows = this.selectLatestSession.all(senderId, senderId);
    return Promise.resolve(rows.length === 0 ? null : rows.map((data) => JSON.parse(data) as Event));
  }

  append(senderId: string, events: readonly Event[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise((stored, failed) => {
      this.pending.push({ senderId, rows: events.map((e) => rowOf(senderId, e)), stored, failed });
      this.pendingSenders.add(senderId);
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  /** Commits what is waiting when some of it belongs to `senderId`. */
  private commitPendingOf(senderId: string): void {
    if (this.pendingSenders.has(senderId)) this.commitPending();
  }

  /** Commits the appends waiting for this event-loop iteration's shared transaction. */
  private commitPending(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingSenders.clear();
    try {
      this.appendBatch(batch);
      for (const p of batch) p.stored();
    } catch {
      // The shared transaction rolled back: commit each append alone, so one bad append loses nobody else's turn.
      for (const p of batch) {
        try {
          this.appendBatch([p]);
          p.stored();
        } catch (error) {
          p.failed(error);
        }
      }
    }
  }

  replace(senderId: string, events: readonly Event[]): Promise<void> {
    this.commitPendingOf(senderId);
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM events WHERE sender_id = ?").run(senderId);
      for (const e of events) this.insert.run(...rowOf(senderId, e));
    })();
    return Promise.resolve();
  }

  keys(): Promise<string[]> {
    this.commitPending();
    const rows = this.db.prepare("SELECT sender_id FROM events GROUP BY sender_id ORDER BY MIN(id)").all() as {
      sender_id: string;
    }[];
    return Promise.resolve(rows.map((r) => r.sender_id));
  }

  delete(senderId: string): Promise<boolean> {
    this.commitPendingOf(senderId);
    const info = this.db.prepare("DELETE FROM events WHERE sender_id = ?").run(senderId);
    return Promise.resolve(info.changes > 0);
  }

  close(): Promise<void> {
    if (!this.db.open) return Promise.resolve();
    this.commitPending();
    this.db.close();
    return Promise.resolve();
  }
}
