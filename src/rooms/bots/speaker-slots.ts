/**
 * @module rooms/bots/speaker-slots
 * Keeps Trollbot's speaker slots (`users`, `active_user`, `last_message_sender`) in step with the
 * speaker named in the user message's metadata. It runs as a slot-extraction step, i.e. inside
 * the turn, under the conversation lock, right after the `user` event: no other message can slip
 * between marking the speaker and the bot's reaction (Trollbot did GET/modify/POST from outside).
 */
import type { ActionContext } from "../../actions/action.js";
import type { SlotExtractionHook } from "../../core/turn-engine.js";
import type { Event } from "../../model/index.js";
import { ROSTER_KEY, SPEAKER_KEY } from "./types.js";
import type { Speaker } from "./types.js";

export type UsersSlot = Record<string, Record<string, unknown>>;

function asSpeaker(value: unknown): Speaker | null {
  if (!value || typeof value !== "object") return null;
  const { id, name } = value as Record<string, unknown>;
  return typeof id === "string" && typeof name === "string" ? { id, name } : null;
}

export function rosterOf(value: unknown): Speaker[] {
  return Array.isArray(value) ? value.map(asSpeaker).filter((s): s is Speaker => s !== null) : [];
}

/**
 * The `users` slot after `speaker` spoke: every roster member present (keeping what actions stored
 * about them, e.g. `liked_artist`), only the speaker `active`.
 */
export function usersAfter(current: unknown, roster: Speaker[], speaker: Speaker | null): UsersSlot {
  const base: UsersSlot =
    current && typeof current === "object" && !Array.isArray(current) ? (current as UsersSlot) : {};
  const users: UsersSlot = {};
  for (const [id, user] of Object.entries(base)) users[id] = { ...user, active: false };
  for (const member of speaker ? [...roster, speaker] : roster) {
    users[member.id] = { ...(users[member.id] ?? {}), id: member.id, name: member.name, active: false };
  }
  if (speaker) users[speaker.id]!.active = true;
  return users;
}

export function speakerSlotEvents(current: unknown, roster: Speaker[], speaker: Speaker, now: number): Event[] {
  return [
    { event: "slot", timestamp: now, name: "users", value: usersAfter(current, roster, speaker) },
    { event: "slot", timestamp: now, name: "active_user", value: speaker.id },
    { event: "slot", timestamp: now, name: "last_message_sender", value: speaker.id },
  ];
}

export const speakerSlots: SlotExtractionHook = (ctx: ActionContext, mapped: Event[]) => {
  const metadata = ctx.tracker.state.latestMessage?.metadata ?? {};
  const speaker = asSpeaker(metadata[SPEAKER_KEY]);
  if (!speaker) return Promise.resolve(mapped);
  const slots = ctx.tracker.state.slots;
  const roster = rosterOf(metadata[ROSTER_KEY]);
  return Promise.resolve([...mapped, ...speakerSlotEvents(slots.users, roster, speaker, ctx.now())]);
};
