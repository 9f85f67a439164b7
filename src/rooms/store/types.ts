/**
 * @module rooms/store/types
 * The rooms service's storage port. Async so that a server SQL engine can implement it; the
 * SQLite adapter shares the tracker database file and keeps its own `rooms_*` tables.
 */

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  /** Participant id (e.g. Prolific). Never serialised to clients. */
  pid: string;
  isBot: boolean;
}

export interface RoomRecord {
  id: string;
  name: string;
  /** Trollbot's `roomLink`: the room id in URLs and socket queries; also the bot's conversation id. */
  link: string;
  botType: string;
  botUserId: string;
  desiredSize: number;
  /** Open for matching (Trollbot's `in_use`). */
  waiting: boolean;
  active: boolean;
  createdAt: number;
}

export interface MessageRecord {
  seq: number;
  id: string;
  roomLink: string;
  userId: string;
  senderId: string;
  body: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface ArtistRecord {
  professionalName: string;
  firstName: string | null;
  lastName: string | null;
  gender: string | null;
  genres: string[];
  area: string | null;
  begin: string | null;
  end: string | null;
}

export interface NewRoom {
  name?: string;
  link?: string;
  botType: string;
  botName: string;
  desiredSize: number;
  /** Admin-created rooms start waiting for players, as in Trollbot. */
  waiting?: boolean;
  active?: boolean;
}

export interface SeatRequest {
  userId: string;
  size: number;
  /** Called only when a new room must be created for the seat. */
  newRoom: () => Omit<NewRoom, "desiredSize">;
}

export interface RoomsStore {
  /** Finds the user with this name and pid, or creates it; null when the name belongs to another pid. */
  login(name: string, pid: string): Promise<UserRecord | null>;
  getUser(id: string): Promise<UserRecord | null>;
  createSession(userId: string, token: string): Promise<void>;
  userForSession(token: string): Promise<UserRecord | null>;

  createRoom(room: NewRoom): Promise<RoomRecord>;
  listRooms(): Promise<RoomRecord[]>;
  /** By link, or by name (Trollbot's log routes pass the room name). */
  getRoom(linkOrName: string): Promise<RoomRecord | null>;
  /**
   * Seats the user in one waiting room, atomically: an existing seat in an open room, else the
   * fullest waiting room with a free seat, else a new room. A room that fills stops waiting.
   */
  seat(request: SeatRequest): Promise<RoomRecord>;
  /** Seats the user in this room when a seat is free (direct links); true when seated. */
  seatIn(roomLink: string, userId: string): Promise<boolean>;
  seatedUsers(roomLink: string): Promise<UserRecord[]>;
  /** Marks the room active when all its seats are taken; true when it is (now or already) active. */
  activate(roomLink: string): Promise<{ active: boolean; changed: boolean }>;
  /** Records the user's task completion; returns the ids of everyone seated who completed. */
  complete(roomLink: string, userId: string): Promise<string[]>;
  completedUsers(roomLink: string): Promise<string[]>;
  deleteRoom(roomLink: string): Promise<void>;

  addMessage(message: Omit<MessageRecord, "seq">): Promise<MessageRecord>;
  messages(roomLink: string): Promise<MessageRecord[]>;

  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;

  upsertArtists(artists: ArtistRecord[]): Promise<void>;
  /** Case-insensitive match on the professional name. */
  findArtist(name: string): Promise<ArtistRecord | null>;
  close(): Promise<void>;
}
