/**
 * @module server/story-export
 * `GET /conversations/{id}/story`: the conversation as a YAML test story (Rasa's
 * `YAMLStoryWriter(is_test_story=True)`): user turns with their text (entities annotated as
 * `[value](entity)`) and intent, actions, slots set and active loops; bot utterances are left out.
 */
import { stringify } from "yaml";
import { appliedEvents } from "../model/index.js";
import type { Event, ExtractedEntity, UserUttered } from "../model/index.js";

const SKIPPED_ACTIONS = new Set(["action_listen", "action_session_start"]);

/** The conversation split into sessions (each starting at `action_session_start`). */
export function sessionsOf(events: readonly Event[]): Event[][] {
  const sessions: Event[][] = [];
  let current: Event[] = [];
  for (const e of events) {
    if (e.event === "action" && e.name === "action_session_start" && current.length > 0) {
      sessions.push(current);
      current = [];
    }
    current.push(e);
  }
  if (current.length > 0) sessions.push(current);
  return sessions;
}

function annotate(text: string, entities: readonly ExtractedEntity[]): string {
  const spans = entities
    .filter((e) => typeof e.start === "number" && typeof e.end === "number")
    .sort((a, b) => (b.start ?? 0) - (a.start ?? 0));
  let out = text;
  for (const e of spans) {
    const original = out.slice(e.start, e.end);
    const label = String(e.value) === original ? e.entity : JSON.stringify({ entity: e.entity, value: e.value });
    out = `${out.slice(0, e.start)}[${original}]${label.startsWith("{") ? label : `(${label})`}${out.slice(e.end)}`;
  }
  return out;
}

function userStep(e: UserUttered): Record<string, unknown> {
  const intent = e.parse_data?.intent && "name" in e.parse_data.intent ? e.parse_data.intent.name : null;
  const step: Record<string, unknown> = {};
  if (e.text) step.user = annotate(e.text, e.parse_data?.entities ?? []);
  if (intent) step.intent = intent;
  return step;
}

function stepsOf(events: readonly Event[]): Record<string, unknown>[] {
  const steps: Record<string, unknown>[] = [];
  for (const e of appliedEvents(events)) {
    if (e.event === "user") steps.push(userStep(e));
    else if (e.event === "action" && e.name && !SKIPPED_ACTIONS.has(e.name)) steps.push({ action: e.name });
    else if (e.event === "action" && e.action_text) steps.push({ bot: e.action_text });
    else if (e.event === "slot" && e.name !== "session_started_metadata")
      steps.push({ slot_was_set: [{ [e.name]: e.value }] });
    else if (e.event === "active_loop") steps.push({ active_loop: e.name ?? null });
  }
  return steps;
}

export function conversationToTestStories(
  conversationId: string,
  events: readonly Event[],
  options: { until?: number | null; allSessions?: boolean } = {},
): string {
  const until = options.until;
  const bounded = until == null ? events : events.filter((e) => e.timestamp <= until);
  const all = sessionsOf(bounded);
  const sessions = options.allSessions ? all : all.slice(-1);
  const stories = sessions.map((session, i) => ({
    story: sessions.length > 1 ? `${conversationId}, story ${i + 1}` : conversationId,
    steps: stepsOf(session),
  }));
  return stringify({ version: "3.1", stories }, { lineWidth: 0 });
}
