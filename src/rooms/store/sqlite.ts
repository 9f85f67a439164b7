/**
 * @module rooms/store/sqlite
 * RoomsStore on SQLite (better-sqlite3), in the tracker database file by default. better-sqlite3
 * is synchronous, so each operation (seating included) runs as one uninterrupted transaction:
 * two users can never create two rooms for one seat.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ROOMS_MIGRATIONS } from "./sqlite-migrations.js";
import type { ArtistRecord, MessageRecord, NewRoom, RoomRecord, RoomsStore, SeatRequest, UserRecord } from "./types.js";

/** Trollbot's link alphabet (its generator only ever drew from the first 42 characters). */
const LINK_ALPHABET = "QWERTYUIOPASDFGHJKLZXCVBNMqwertyuiopasdfgh";

export function newId(): string {
  return randomBytes(12).toString("hex");
}

function newLink(): string {
  const bytes = randomBytes(9);
  return Array.from(bytes, (b) => LINK_ALPHABET[b % LINK_ALPHABET.length]).join("");
}

interface RoomRow {
  id: string;
  name: string;
  link: string;
  bot_type: string;
  bot_user_id: string;
  desired_size: number;
  waiting: number;
  active: number;
  created_at: number;
}
interface UserRow {
  id: string;
  username: string;
  name: string;
  pid: string;
  is_bot: number;
}

const toRoom = (r: RoomRow): RoomRecord => ({
  id: r.id,
  name: r.name,
  link: r.link,
  botType: r.bot_type,
  botUserId: r.bot_user_id,
  desiredSize: r.desired_size,
  waiting: r.waiting === 1,
  active: r.active === 1,
  createdAt: r.created_at,
});
const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  pid: r.pid,
  isBot: r.is_bot === 1,
});

export class SqliteRoomsStore implements RoomsStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma("foreign_keys = ON");
    this.migrate();
  }

  private migrate(): void {
    this.db.exec("CREATE TABLE IF NOT EXISTS rooms_schema (version INTEGER NOT NULL)");
    this.db
      .transaction(() => {
        const row = this.db.prepare("SELECT version FROM rooms_schema").get() as { version: number } | undefined;
        const current = row?.version ?? 0;
        for (let v = current; v < ROOMS_MIGRATIONS.length; v++) this.db.exec(ROOMS_MIGRATIONS[v]!);
        if (!row) this.db.prepare("INSERT INTO rooms_schema (version) VALUES (?)").run(ROOMS_MIGRATIONS.length);
        else this.db.prepare("UPDATE rooms_schema SET version = ?").run(ROOMS_MIGRATIONS.length);
      })
      .immediate();
  }

  private userRow(id: string): UserRecord | null {
    const row = this.db.prepare("SELECT * FROM rooms_users WHERE id = ?").get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  private roomRow(linkOrName: string): RoomRecord | null {
    const row = this.db
      .prepare("SELECT * FROM rooms_rooms WHERE link = ? OR name = ? ORDER BY link = ? DESC LIMIT 1")
      .get(linkOrName, linkOrName, linkOrName) as RoomRow | undefined;
    return row ? toRoom(row) : null;
  }

  login(name: string, pid: string): Promise<UserRecord | null> {
    const run = this.db.transaction((): UserRecord | null => {
      const row = this.db.prepare("SELECT * FROM rooms_users WHERE username = ?").get(name) as UserRow | undefined;
      if (row) return row.pid === pid && row.is_bot === 0 ? toUser(row) : null;
      const id = newId();
      this.db
        .prepare("INSERT INTO rooms_users (id, username, name, pid, is_bot, created_at) VALUES (?, ?, ?, ?, 0, ?)")
        .run(id, name, name, pid, Date.now());
      return this.userRow(id);
    });
    return Promise.resolve(run.immediate());
  }

  getUser(id: string): Promise<UserRecord | null> {
    return Promise.resolve(this.userRow(id));
  }

  createSession(userId: string, token: string): Promise<void> {
    this.db
      .prepare("INSERT INTO rooms_sessions (token, user_id, created_at) VALUES (?, ?, ?)")
      .run(token, userId, Date.now());
    return Promise.resolve();
  }

  userForSession(token: string): Promise<UserRecord | null> {
    const row = this.db
      .prepare("SELECT u.* FROM rooms_sessions s JOIN rooms_users u ON u.id = s.user_id WHERE s.token = ?")
      .get(token) as UserRow | undefined;
    return Promise.resolve(row ? toUser(row) : null);
  }

  private insertRoom(room: NewRoom): RoomRecord {
    const botId = newId();
    const count = (this.db.prepare("SELECT COUNT(*) AS n FROM rooms_users").get() as { n: number }).n;
    this.db
      .prepare("INSERT INTO rooms_users (id, username, name, pid, is_bot, created_at) VALUES (?, ?, ?, '', 1, ?)")
      .run(botId, `bot${count + 1}_${botId.slice(0, 6)}`, room.botName, Date.now());
    const rooms = (this.db.prepare("SELECT COUNT(*) AS n FROM rooms_rooms").get() as { n: number }).n;
    const id = newId();
    this.db
      .prepare(
        `INSERT INTO rooms_rooms (id, name, link, bot_type, bot_user_id, desired_size, waiting, active, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        room.name ?? `Room ${rooms + 1} ${id.slice(0, 4)}`,
        room.link ?? newLink(),
        room.botType,
        botId,
        room.desiredSize,
        room.waiting === false ? 0 : 1,
        room.active ? 1 : 0,
        Date.now(),
      );
    return toRoom(this.db.prepare("SELECT * FROM rooms_rooms WHERE id = ?").get(id) as RoomRow);
  }

  createRoom(room: NewRoom): Promise<RoomRecord> {
    return Promise.resolve(this.db.transaction(() => this.insertRoom(room)).immediate());
  }

  listRooms(): Promise<RoomRecord[]> {
    const rows = this.db.prepare("SELECT * FROM rooms_rooms ORDER BY created_at, rowid").all() as RoomRow[];
    return Promise.resolve(rows.map(toRoom));
  }

  getRoom(linkOrName: string): Promise<RoomRecord | null> {
    return Promise.resolve(this.roomRow(linkOrName));
  }

  private seatCount(roomId: string): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM rooms_seats WHERE room_id = ?").get(roomId) as { n: number }).n;
  }

  private addSeat(room: RoomRecord, userId: string): void {
    this.db
      .prepare("INSERT INTO rooms_seats (room_id, user_id, seated_at) VALUES (?, ?, ?)")
      .run(room.id, userId, Date.now());
    if (this.seatCount(room.id) >= room.desiredSize) {
      this.db.prepare("UPDATE rooms_rooms SET waiting = 0 WHERE id = ?").run(room.id);
    }
  }

  seat(request: SeatRequest): Promise<RoomRecord> {
    const run = this.db.transaction((): RoomRecord => {
      const existing = this.db
        .prepare(
          `SELECT r.* FROM rooms_seats s JOIN rooms_rooms r ON r.id = s.room_id
           WHERE s.user_id = ? AND s.completed = 0 ORDER BY s.seated_at DESC LIMIT 1`,
        )
        .get(request.userId) as RoomRow | undefined;
      if (existing) return toRoom(existing);
      const open = this.db
        .prepare(
          `SELECT r.*, (SELECT COUNT(*) FROM rooms_seats s WHERE s.room_id = r.id) AS seats FROM rooms_rooms r
           WHERE r.waiting = 1 AND r.active = 0 AND seats < r.desired_size
           ORDER BY seats DESC, r.created_at, r.rowid LIMIT 1`,
        )
        .get() as RoomRow | undefined;
      const room = open ? toRoom(open) : this.insertRoom({ ...request.newRoom(), desiredSize: request.size });
      this.addSeat(room, request.userId);
      return toRoom(this.db.prepare("SELECT * FROM rooms_rooms WHERE id = ?").get(room.id) as RoomRow);
    });
    return Promise.resolve(run.immediate());
  }

  seatIn(roomLink: string, userId: string): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      const room = this.roomRow(roomLink);
      if (!room) return false;
      const seated = this.db
        .prepare("SELECT 1 FROM rooms_seats WHERE room_id = ? AND user_id = ?")
        .get(room.id, userId);
      if (seated) return true;
      if (this.seatCount(room.id) >= room.desiredSize) return false;
      this.addSeat(room, userId);
      return true;
    });
    return Promise.resolve(run.immediate());
  }

  seatedUsers(roomLink: string): Promise<UserRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT u.* FROM rooms_seats s JOIN rooms_rooms r ON r.id = s.room_id JOIN rooms_users u ON u.id = s.user_id
         WHERE r.link = ? ORDER BY s.seated_at, s.rowid`,
      )
      .all(roomLink) as UserRow[];
    return Promise.resolve(rows.map(toUser));
  }

  activate(roomLink: string): Promise<{ active: boolean; changed: boolean }> {
    const run = this.db.transaction(() => {
      const room = this.roomRow(roomLink);
      if (!room) return { active: false, changed: false };
      if (room.active) return { active: true, changed: false };
      if (this.seatCount(room.id) < room.desiredSize) return { active: false, changed: false };
      this.db.prepare("UPDATE rooms_rooms SET active = 1, waiting = 0 WHERE id = ?").run(room.id);
      return { active: true, changed: true };
    });
    return Promise.resolve(run.immediate());
  }

  complete(roomLink: string, userId: string): Promise<string[]> {
    const run = this.db.transaction((): string[] => {
      const room = this.roomRow(roomLink);
      if (!room) return [];
      this.db.prepare("UPDATE rooms_seats SET completed = 1 WHERE room_id = ? AND user_id = ?").run(room.id, userId);
      return this.completedIds(room.id);
    });
    return Promise.resolve(run.immediate());
  }

  completedUsers(roomLink: string): Promise<string[]> {
    const room = this.roomRow(roomLink);
    return Promise.resolve(room ? this.completedIds(room.id) : []);
  }

  private completedIds(roomId: string): string[] {
    {
      const rows = this.db
        .prepare("SELECT user_id FROM rooms_seats WHERE room_id = ? AND completed = 1 ORDER BY seated_at")
        .all(roomId) as { user_id: string }[];
      return rows.map((r) => r.user_id);
    }
  }

  deleteRoom(roomLink: string): Promise<void> {
    const room = this.roomRow(roomLink);
    if (room) this.db.prepare("DELETE FROM rooms_rooms WHERE id = ?").run(room.id);
    return Promise.resolve();
  }

  addMessage(message: Omit<MessageRecord, "seq">): Promise<MessageRecord> {
    const room = this.roomRow(message.roomLink);
    if (!room) return Promise.reject(new Error(`Room '${message.roomLink}' does not exist`));
    const info = this.db
      .prepare(
        "INSERT INTO rooms_messages (id, room_id, user_id, sender_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(message.id, room.id, message.userId, message.senderId, message.body, message.createdAt);
    return Promise.resolve({ ...message, roomLink: room.link, seq: Number(info.lastInsertRowid) });
  }

  messages(roomLink: string): Promise<MessageRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT m.* , r.link FROM rooms_messages m JOIN rooms_rooms r ON r.id = m.room_id
         WHERE r.link = ? ORDER BY m.seq`,
      )
      .all(roomLink) as {
      seq: number;
      id: string;
      link: string;
      user_id: string;
      sender_id: string;
      body: string;
      created_at: number;
    }[];
    return Promise.resolve(
      rows.map((r) => ({
        seq: r.seq,
        id: r.id,
        roomLink: r.link,
        userId: r.user_id,
        senderId: r.sender_id,
        body: r.body,
        createdAt: r.created_at,
      })),
    );
  }

  getSetting(key: string): Promise<string | null> {
    const row = this.db.prepare("SELECT value FROM rooms_settings WHERE key = ?").get(key) as
      { value: string } | undefined;
    return Promise.resolve(row?.value ?? null);
  }

  setSetting(key: string, value: string): Promise<void> {
    this.db
      .prepare(
        "INSERT INTO rooms_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
    return Promise.resolve();
  }

  upsertArtists(artists: ArtistRecord[]): Promise<void> {
    const put = this.db.prepare(
      `INSERT INTO rooms_artists (professional_name, first_name, last_name, gender, genres, area, begin, end)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(professional_name) DO UPDATE SET
       first_name = excluded.first_name, last_name = excluded.last_name, gender = excluded.gender,
       genres = excluded.genres, area = excluded.area, begin = excluded.begin, end = excluded.end`,
    );
    this.db.transaction(() => {
      for (const a of artists) {
        put.run(
          a.professionalName,
          a.firstName,
          a.lastName,
          a.gender,
          JSON.stringify(a.genres),
          a.area,
          a.begin,
          a.end,
        );
      }
    })();
    return Promise.resolve();
  }

  findArtist(name: string): Promise<ArtistRecord | null> {
    const row = this.db.prepare("SELECT * FROM rooms_artists WHERE professional_name = ?").get(name.trim()) as
      Record<string, string | null> | undefined;
    if (!row) return Promise.resolve(null);
    return Promise.resolve({
      professionalName: row.professional_name!,
      firstName: row.first_name ?? null,
      lastName: row.last_name ?? null,
      gender: row.gender ?? null,
      genres: JSON.parse(row.genres ?? "[]") as string[],
      area: row.area ?? null,
      begin: row.begin ?? null,
      end: row.end ?? null,
    });
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
