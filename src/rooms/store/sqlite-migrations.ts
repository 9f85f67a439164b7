/**
 * @module rooms/store/sqlite-migrations
 * Versioned schema of the rooms tables. Each entry runs once, in order, inside a transaction;
 * `rooms_schema` records the applied version. Append new versions; never edit applied ones.
 */
export const ROOMS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE rooms_users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     pid TEXT NOT NULL,
     is_bot INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE rooms_sessions (
     token TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES rooms_users(id),
     created_at INTEGER NOT NULL
   );
   CREATE TABLE rooms_rooms (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     link TEXT NOT NULL UNIQUE,
     bot_type TEXT NOT NULL,
     bot_user_id TEXT NOT NULL REFERENCES rooms_users(id),
     desired_size INTEGER NOT NULL,
     waiting INTEGER NOT NULL,
     active INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE rooms_seats (
     room_id TEXT NOT NULL REFERENCES rooms_rooms(id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES rooms_users(id),
     seated_at INTEGER NOT NULL,
     completed INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (room_id, user_id)
   );
   CREATE INDEX rooms_seats_user ON rooms_seats (user_id);
   CREATE TABLE rooms_messages (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     room_id TEXT NOT NULL REFERENCES rooms_rooms(id) ON DELETE CASCADE,
     user_id TEXT NOT NULL,
     sender_id TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX rooms_messages_room ON rooms_messages (room_id, seq);
   CREATE TABLE rooms_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE rooms_artists (
     professional_name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
     first_name TEXT, last_name TEXT, gender TEXT,
     genres TEXT NOT NULL,
     area TEXT, begin TEXT, end TEXT
   );`,
];
