/**
 * @module flows/store/sqlite
 * SQLite FlowStateStore sharing the tracker-store database file (`.confab/tracker.db`) with its own
 * tables. WAL mode; interaction state and the user's KB are written in one transaction, so a crash
 * never leaves a KB saved without the END state that produced it (or the reverse).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Kb } from "../definition/types.js";
import type { EngineState, FlowReply } from "../engine/types.js";
import type { FlowStateStore, InteractionRecord } from "./types.js";

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS flow_interactions (
     uid TEXT NOT NULL,
     interaction TEXT NOT NULL,
     state TEXT NOT NULL,
     last_reply TEXT,
     updated_at REAL NOT NULL,
     PRIMARY KEY (uid, interaction)
   )`,
  `CREATE TABLE IF NOT EXISTS flow_user_kb (
     uid TEXT PRIMARY KEY,
     kb TEXT NOT NULL,
     updated_at REAL NOT NULL
   )`,
];

interface Row {
  uid: string;
  interaction: string;
  state: string;
  last_reply: string | null;
  updated_at: number;
}

export class SqliteFlowStateStore implements FlowStateStore {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement<[string, string], Row>;
  private readonly upsert: Database.Statement;
  private readonly selectKb: Database.Statement<[string], { kb: string }>;
  private readonly upsertKb: Database.Statement;
  private readonly write: (record: InteractionRecord, kb?: Kb) => void;

  constructor(file: string) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    for (const sql of MIGRATIONS) this.db.exec(sql);
    this.selectOne = this.db.prepare("SELECT * FROM flow_interactions WHERE uid = ? AND interaction = ?");
    this.upsert = this.db.prepare(
      `INSERT INTO flow_interactions (uid, interaction, state, last_reply, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (uid, interaction) DO UPDATE SET state = excluded.state, last_reply = excluded.last_reply,
       updated_at = excluded.updated_at`,
    );
    this.selectKb = this.db.prepare("SELECT kb FROM flow_user_kb WHERE uid = ?");
    this.upsertKb = this.db.prepare(
      `INSERT INTO flow_user_kb (uid, kb, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (uid) DO UPDATE SET kb = excluded.kb, updated_at = excluded.updated_at`,
    );
    this.write = this.db.transaction((record: InteractionRecord, kb?: Kb) => {
      this.upsert.run(
        record.uid,
        record.interaction,
        JSON.stringify(record.state),
        record.lastReply ? JSON.stringify(record.lastReply) : null,
        record.updatedAt,
      );
      if (kb) this.upsertKb.run(record.uid, JSON.stringify(kb), record.updatedAt);
    });
  }

  getInteraction(uid: string, interaction: string): Promise<InteractionRecord | null> {
    const row = this.selectOne.get(uid, interaction);
    if (!row) return Promise.resolve(null);
    return Promise.resolve({
      uid: row.uid,
      interaction: row.interaction,
      state: JSON.parse(row.state) as EngineState,
      lastReply: row.last_reply ? (JSON.parse(row.last_reply) as FlowReply) : null,
      updatedAt: row.updated_at,
    });
  }

  commit(record: InteractionRecord, userKb?: Kb): Promise<void> {
    this.write(record, userKb);
    return Promise.resolve();
  }

  getUserKb(uid: string): Promise<Kb | null> {
    const row = this.selectKb.get(uid);
    return Promise.resolve(row ? (JSON.parse(row.kb) as Kb) : null);
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
