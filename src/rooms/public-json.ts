/**
 * @module rooms/public-json
 * What clients see of users, rooms and messages. Participant ids (`pid`) are never included:
 * Trollbot leaked them through rooms, messages and join events.
 */
import type { MessageRecord, RoomRecord, UserRecord } from "./store/types.js";

export interface PublicUser {
  id: string;
  username: string;
  name: string;
  senderId: string;
}

export function publicUser(user: UserRecord): PublicUser {
  return { id: user.id, username: user.username, name: user.name, senderId: user.isBot ? "bot" : user.id };
}

export function publicRoom(
  room: RoomRecord,
  users: UserRecord[],
  completed: string[],
  admin: boolean,
): Record<string, unknown> {
  return {
    id: room.id,
    name: room.name,
    roomLink: room.link,
    userCount: users.length,
    users: users.map(publicUser),
    desiredSize: room.desiredSize,
    completed_users: completed,
    active: room.active,
    in_use: room.waiting,
    ...(admin ? { botType: room.botType } : {}),
  };
}

export function publicMessage(message: MessageRecord, user: UserRecord | null): Record<string, unknown> {
  return {
    id: message.id,
    body: message.body,
    senderId: message.senderId,
    room: message.roomLink,
    createdAt: new Date(message.createdAt).toISOString(),
    user: user ? { id: user.id, name: user.name, username: user.username } : { id: message.userId, name: "?" },
  };
}
