/**
 * @module rooms/presence
 * Who is connected to which room right now (a user may have several sockets, e.g. two tabs).
 */
export class Presence {
  private readonly rooms = new Map<string, Map<string, number>>();

  /** Returns true when this is the user's first connection to the room. */
  join(room: string, userId: string): boolean {
    const users = this.rooms.get(room) ?? new Map<string, number>();
    this.rooms.set(room, users);
    const count = users.get(userId) ?? 0;
    users.set(userId, count + 1);
    return count === 0;
  }

  /** Returns true when the user's last connection to the room closed. */
  leave(room: string, userId: string): boolean {
    const users = this.rooms.get(room);
    const count = users?.get(userId) ?? 0;
    if (!users || count === 0) return false;
    if (count > 1) {
      users.set(userId, count - 1);
      return false;
    }
    users.delete(userId);
    if (users.size === 0) this.rooms.delete(room);
    return true;
  }

  present(room: string): string[] {
    return [...(this.rooms.get(room)?.keys() ?? [])];
  }
}
