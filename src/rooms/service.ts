/**
 * @module rooms/service
 * The rooms application, transport-free: login, seating and activation, presence, messages (to the
 * room and to its bot, one at a time per room), bot replies with pacing, task completion.
 * HTTP routes and Socket.IO handlers call into it; it talks back through `RoomEmitter`.
 */
import { randomBytes } from "node:crypto";
import type { Event } from "../model/index.js";
import type { Logger } from "../ports/index.js";
import type { BotConnector, BotReply, BotRoom, Speaker } from "./bots/types.js";
import type { RoomsConfig } from "./config.js";
import { conversationCsv } from "./csv-log.js";
import { NEW_MESSAGE, START_TYPING, STOP_TYPING } from "./events.js";
import { KeyedQueue } from "./keyed-queue.js";
import { sleep, typingDelayMs } from "./pacing.js";
import { Presence } from "./presence.js";
import { publicMessage, publicUser } from "./public-json.js";
import type { PublicUser } from "./public-json.js";
import { newId } from "./store/sqlite.js";
import type { RoomRecord, RoomsStore, UserRecord } from "./store/types.js";

export interface RoomEmitter {
  toRoom(roomLink: string, event: string, payload: unknown): void;
}

export interface RoomsServiceOptions {
  store: RoomsStore;
  config: RoomsConfig;
  bots: Map<string, BotConnector>;
  emitter: RoomEmitter;
  logger: Logger;
  random?: () => number;
}

const ROOM_SIZE_KEY = "room_size";

export class RoomsService {
  readonly presence = new Presence();
  /** Storing and showing human messages, one at a time per room. */
  readonly ingestQueue = new KeyedQueue();
  /** Messages to a room's bot, strictly in stored order. */
  readonly botQueue = new KeyedQueue();
  /** Bot replies to a room, one typing-and-post at a time. */
  readonly deliveryQueue = new KeyedQueue();
  private readonly random: () => number;

  constructor(private readonly o: RoomsServiceOptions) {
    this.random = o.random ?? Math.random;
  }

  get store(): RoomsStore {
    return this.o.store;
  }

  async login(name: string, pid: string): Promise<{ user: UserRecord; token: string } | null> {
    const user = await this.o.store.login(name, pid);
    if (!user) return null;
    const token = randomBytes(24).toString("base64url");
    await this.o.store.createSession(user.id, token);
    return { user, token };
  }

  async roomSize(): Promise<number> {
    const stored = await this.o.store.getSetting(ROOM_SIZE_KEY);
    return stored === null ? this.o.config.room_size : Number(stored);
  }

  async setRoomSize(size: number): Promise<number> {
    await this.o.store.setSetting(ROOM_SIZE_KEY, String(size));
    return size;
  }

  private newRoomFields(botType?: string) {
    const types = [...this.o.bots.keys()];
    const type = botType ?? types[Math.floor(this.random() * types.length)] ?? types[0]!;
    const names = this.o.config.bots[type]?.names ?? ["Bot"];
    return { botType: type, botName: names[Math.floor(this.random() * names.length)] ?? names[0]! };
  }

  async createRoom(fields: { name?: string; botType?: string; roomLink?: string }): Promise<RoomRecord> {
    if (fields.botType !== undefined && !this.o.bots.has(fields.botType)) {
      throw new RoomsInputError(`Unknown botType '${fields.botType}'; known: ${[...this.o.bots.keys()].join(", ")}`);
    }
    return this.o.store.createRoom({
      ...this.newRoomFields(fields.botType),
      name: fields.name,
      link: fields.roomLink,
      desiredSize: await this.roomSize(),
    });
  }

  /** The waiting room for this user, seating them atomically (race-free matching). */
  async seat(user: UserRecord): Promise<RoomRecord> {
    const size = await this.roomSize();
    return this.o.store.seat({ userId: user.id, size, newRoom: () => this.newRoomFields() });
  }

  /** Users shown as the room's members: the bot first (as Trollbot), then connected humans. */
  async members(room: RoomRecord): Promise<UserRecord[]> {
    const present = this.presence.present(room.link);
    const users = await Promise.all(present.map((id) => this.o.store.getUser(id)));
    const bot = await this.o.store.getUser(room.botUserId);
    return [...(bot ? [bot] : []), ...users.filter((u): u is UserRecord => u !== null)];
  }

  async roster(room: RoomRecord): Promise<Speaker[]> {
    return (await this.o.store.seatedUsers(room.link)).map((u) => ({ id: u.id, name: u.name }));
  }

  private botFor(room: RoomRecord): BotConnector | undefined {
    return this.o.bots.get(room.botType);
  }

  private botRoom(room: RoomRecord): BotRoom {
    return { link: room.link, name: room.name, botType: room.botType };
  }

  async activate(link: string): Promise<boolean> {
    const { active, changed } = await this.o.store.activate(link);
    const room = changed ? await this.o.store.getRoom(link) : null;
    const bot = room ? this.botFor(room) : undefined;
    if (room && bot) {
      const roster = await this.roster(room);
      void this.botQueue
        .run(link, () => bot.activate(this.botRoom(room), roster))
        .catch((error: unknown) => this.o.logger.error({ room: link, err: String(error) }, "Bot activation failed"));
    }
    return active;
  }

  /**
   * Stores a human message, shows it to the room and queues it for the bot, in one step per room:
   * the bot sees a room's messages in exactly the order they were stored and shown.
   */
  postHumanMessage(room: RoomRecord, user: UserRecord, body: string, socketId: string): Promise<string> {
    return this.ingestQueue.run(room.link, async () => {
      const record = await this.o.store.addMessage({
        id: newId(),
        roomLink: room.link,
        userId: user.id,
        senderId: socketId,
        body,
        createdAt: Date.now(),
      });
      this.o.emitter.toRoom(room.link, NEW_MESSAGE, publicMessage(record, user));
      void this.sendToBot(room, user, body, record.id);
      return record.id;
    });
  }

  /** Queues a human message for the room's bot; turns of one room never overlap. */
  private sendToBot(room: RoomRecord, user: UserRecord, body: string, messageId: string): Promise<void> {
    const bot = this.botFor(room);
    if (!bot) return Promise.resolve();
    const speaker: Speaker = { id: user.id, name: user.name };
    return this.botQueue.run(room.link, async () => {
      try {
        await bot.message(this.botRoom(room), speaker, body, await this.roster(room), messageId);
      } catch (error) {
        this.o.logger.error({ room: room.link, err: String(error) }, "The room's bot failed on a message");
      }
    });
  }

  /** A bot reply for conversation `link` (or, from Trollbot-style callbacks, the room name). */
  async deliverBotReply(linkOrName: string, reply: BotReply): Promise<boolean> {
    const room = await this.o.store.getRoom(linkOrName);
    if (!room || reply.text === null || reply.text === "") return false;
    const text = reply.text;
    void this.deliveryQueue.run(room.link, async () => {
      const bot = await this.o.store.getUser(room.botUserId);
      const user = bot ? { id: bot.id, name: bot.name } : { id: "bot", name: "Bot" };
      this.o.emitter.toRoom(room.link, START_TYPING, { senderId: room.link, user });
      await sleep(typingDelayMs(text, this.o.config.pacing));
      this.o.emitter.toRoom(room.link, STOP_TYPING, { senderId: room.link, user });
      const record = await this.o.store.addMessage({
        id: newId(),
        roomLink: room.link,
        userId: user.id,
        senderId: room.link,
        body: text,
        createdAt: Date.now(),
      });
      this.o.emitter.toRoom(room.link, NEW_MESSAGE, { ...publicMessage(record, bot), user });
    });
    return true;
  }

  /**
   * Task completion: the redirect target once every seated user who is still in the room has
   * completed (Trollbot compared against everyone present, counting the bot as done), else null.
   */
  async complete(room: RoomRecord, user: UserRecord): Promise<string | null> {
    const completed = new Set(await this.o.store.complete(room.link, user.id));
    const seated = (await this.o.store.seatedUsers(room.link)).map((u) => u.id);
    const present = new Set(this.presence.present(room.link));
    const stillHere = seated.filter((id) => present.has(id));
    const done = stillHere.length > 0 && stillHere.every((id) => completed.has(id));
    return done ? this.o.config.redirect_target : null;
  }

  isRemote(room: RoomRecord): boolean {
    return this.o.config.bots[room.botType]?.url !== undefined;
  }

  /** The events of the room's bot conversation (empty when there is none). */
  async conversationEvents(room: RoomRecord): Promise<Event[]> {
    return (await this.botFor(room)?.events(room.link)) ?? [];
  }

  /** The room's log as CSV (bot conversation events plus room messages the bot never saw). */
  async exportCsv(room: RoomRecord): Promise<string> {
    const bot = this.botFor(room);
    const events = await this.conversationEvents(room);
    const messages = await this.o.store.messages(room.link);
    const users = new Map<string, UserRecord>();
    for (const id of new Set(messages.map((m) => m.userId))) {
      const user = await this.o.store.getUser(id);
      if (user) users.set(id, user);
    }
    for (const user of await this.o.store.seatedUsers(room.link)) users.set(user.id, user);
    return conversationCsv({ events, messages, users, training: bot?.trainingStories() ?? null });
  }

  /** Deletes the bot's conversation for the room (Trollbot's `/api/log/:roomId/delete`). */
  async deleteConversation(room: RoomRecord): Promise<boolean> {
    const bot = this.botFor(room);
    return bot ? this.botQueue.run(room.link, () => bot.deleteConversation(room.link)) : false;
  }

  publicUser(user: UserRecord): PublicUser {
    return publicUser(user);
  }

  /** Waits for all queued bot turns and deliveries (tests, shutdown). */
  async idle(): Promise<void> {
    await this.ingestQueue.idle();
    await this.botQueue.idle();
    await this.deliveryQueue.idle();
  }
}

export class RoomsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RoomsInputError";
  }
}
