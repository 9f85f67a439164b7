/**
 * @module rooms/csv-log
 * A room's conversation log as CSV with Trollbot's columns (its `logFormatter.js` output): one row
 * per stored bot-conversation event, plus any room message the bot never received.
 */
import type { Event } from "../model/index.js";
import type { Rule, Story } from "../model/training.js";
import type { MessageRecord, UserRecord } from "./store/types.js";
import { matchStory } from "./story-match.js";

export const CSV_COLUMNS = [
  "timestamp",
  "event",
  "name",
  "event source",
  "userID",
  "username",
  "message",
  "policy",
  "confidence",
  "interpreted intent",
  "story step",
  "story",
  "rule",
] as const;

/** Slots the rooms service writes itself (Trollbot's "backend events"). */
const BACKEND_SLOTS = new Set(["users", "last_message_sender", "active_user", "bot_type"]);

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const iso = (seconds: number | null | undefined) =>
  typeof seconds === "number" && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : "";

function empty(): Row {
  return Object.fromEntries(CSV_COLUMNS.map((c) => [c, ""])) as Row;
}

function speakerOf(metadata: Record<string, unknown> | undefined): { id: string; name: string } {
  const s = metadata?.speaker as { id?: unknown; name?: unknown } | undefined;
  return { id: typeof s?.id === "string" ? s.id : "", name: typeof s?.name === "string" ? s.name : "" };
}

export interface CsvLogInput {
  events: readonly Event[];
  messages: readonly MessageRecord[];
  users: Map<string, UserRecord>;
  training: { stories: Story[]; rules: Rule[] } | null;
}

export function conversationCsv(input: CsvLogInput): string {
  const rows: Row[] = [];
  const seenMessageIds = new Set<string>();
  let intent: string | null = null;
  for (const e of input.events) {
    const row = { ...empty(), timestamp: iso(e.timestamp), event: e.event };
    if (e.event === "user") {
      const speaker = speakerOf(e.metadata);
      const parsed = e.parse_data.intent;
      intent = "name" in parsed ? parsed.name : null;
      if (e.message_id) seenMessageIds.add(e.message_id);
      Object.assign(row, {
        "event source": "user",
        userID: speaker.id,
        username: speaker.name,
        message: e.text ?? "",
        confidence: "confidence" in parsed ? String(parsed.confidence) : "",
        "interpreted intent": intent ?? "",
      });
    } else if (e.event === "bot") {
      Object.assign(row, { "event source": "bot", message: e.text ?? "" });
    } else if (e.event === "action") {
      const match = matchStory(input.training, intent, e.name ?? "", e.policy);
      Object.assign(row, {
        name: e.name ?? "",
        "event source": "bot",
        policy: e.policy ?? "",
        confidence: e.confidence === null ? "" : String(e.confidence),
        "story step": match.step === null ? "" : String(match.step),
        story: match.story,
        rule: match.rule,
      });
    } else if (e.event === "slot") {
      const backend = BACKEND_SLOTS.has(e.name);
      const user = backend && typeof e.value === "string" ? input.users.get(e.value) : undefined;
      Object.assign(row, {
        name: e.name,
        "event source": backend ? "backend" : "bot",
        userID: user?.id ?? "",
        username: user?.name ?? "",
        message: JSON.stringify(e.value) ?? "null",
      });
    } else if ("name" in e && typeof e.name === "string") {
      row.name = e.name;
    }
    rows.push(row);
  }
  for (const m of input.messages) {
    const user = input.users.get(m.userId);
    if (seenMessageIds.has(m.id) || !user || user.isBot) continue;
    rows.push({
      ...empty(),
      timestamp: new Date(m.createdAt).toISOString(),
      event: "room_message",
      "event source": "user",
      userID: user.id,
      username: user.name,
      message: m.body,
    });
  }
  const lines = [CSV_COLUMNS.join(","), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
