import { describe, expect, it } from "vitest";
import type { Event } from "../model/index.js";
import { pendingReminders } from "./pending.js";

const reminder = (name: string, kill = true, intent = "EXTERNAL_x"): Event => ({
  event: "reminder",
  timestamp: 1,
  intent,
  date_time: "2030-01-01T00:00:00",
  entities: null,
  name,
  kill_on_user_msg: kill,
});
const user = (text: string, external = false, intent = "greet"): Event => ({
  event: "user",
  timestamp: 2,
  text,
  parse_data: { text, intent: { name: intent, confidence: 1 }, entities: [] },
  input_channel: null,
  message_id: null,
  metadata: external ? { is_external: true } : {},
});
const names = (events: Event[]) => pendingReminders(events).map((r) => r.name);

describe("pending reminders in a stored conversation", () => {
  it("keeps scheduled ones, drops cancelled, fired, killed and replaced ones", () => {
    expect(names([reminder("a")])).toEqual(["a"]);
    expect(names([reminder("a"), { event: "cancel_reminder", timestamp: 3, name: "a" }])).toEqual([]);
    expect(
      names([reminder("a", true, "EXTERNAL_x"), { event: "cancel_reminder", timestamp: 3, intent: "other" }]),
    ).toEqual(["a"]);
    expect(names([reminder("a"), { event: "cancel_reminder", timestamp: 3 }])).toEqual([]);
    expect(names([reminder("a"), user("EXTERNAL: EXTERNAL_x", true, "EXTERNAL_x")])).toEqual([]);
    expect(names([reminder("a", true), user("hi")])).toEqual([]);
    expect(names([reminder("a", false), user("hi")])).toEqual(["a"]);
    expect(names([reminder("a"), reminder("a")])).toEqual(["a"]);
    expect(names([reminder("a"), { event: "restart", timestamp: 4 }])).toEqual([]);
  });
});
