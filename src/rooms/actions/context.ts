/**
 * @module rooms/actions/context
 * Small helpers the ported Trollbot actions share: slot reads, "entity0", events.
 */
import type { ActionContext } from "../../actions/action.js";
import type { Event } from "../../model/index.js";

export function slot(ctx: ActionContext, name: string): unknown {
  return ctx.tracker.state.slots[name] ?? null;
}

/** Trollbot's actions read the first entity of the latest user message, whatever its type. */
export function entity0(ctx: ActionContext): unknown {
  const entities = ctx.tracker.state.latestMessage?.parse_data.entities ?? [];
  return entities[0]?.value ?? null;
}

export function setSlot(ctx: ActionContext, name: string, value: unknown): Event {
  return { event: "slot", timestamp: ctx.now(), name, value };
}

export type RoomUsers = Record<string, Record<string, unknown>>;

/** The `users` slot as an object keyed by user id (empty when unset or malformed). */
export function usersSlot(ctx: ActionContext): RoomUsers {
  const value = slot(ctx, "users");
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return value as RoomUsers;
}

export function lastSender(ctx: ActionContext): string | null {
  const value = slot(ctx, "last_message_sender");
  return typeof value === "string" ? value : null;
}
