/**
 * Test helper: replays test stories (`tests/test_*.yml`) through the REST channel and reports,
 * per user turn, which intent and actions the bot produced against what the story expects.
 */
import type { Event, Story, StoryStep } from "../model/index.js";
import type { TestBot } from "./test-server.js";

export interface TurnResult {
  story: string;
  text: string;
  expectedIntent: string;
  actualIntent: string | null;
  expectedActions: string[];
  actualActions: string[];
}

interface Turn {
  text: string;
  intent: string;
  actions: string[];
}

function payloadFor(step: Extract<StoryStep, { kind: "intent" }>): string {
  if (step.entities.length === 0) return `/${step.intent}`;
  const entities = Object.fromEntries(step.entities.map((e) => [e.entity, e.value]));
  return `/${step.intent}${JSON.stringify(entities)}`;
}

function turnsOf(story: Story): Turn[] {
  const turns: Turn[] = [];
  for (const step of story.steps) {
    if (step.kind === "intent") turns.push({ text: step.text ?? payloadFor(step), intent: step.intent, actions: [] });
    else if (step.kind === "action") turns.at(-1)?.actions.push(step.name);
  }
  return turns;
}

const isReported = (e: Event): e is Extract<Event, { event: "action" }> =>
  e.event === "action" && e.name !== "action_listen" && e.name !== "action_session_start";

export async function replayStory(bot: TestBot, story: Story, sender: string): Promise<TurnResult[]> {
  const results: TurnResult[] = [];
  let seen = 0;
  for (const turn of turnsOf(story)) {
    await bot.say(sender, turn.text);
    const tracker = await bot.agent.processor.fetchTracker(sender);
    const fresh = tracker.events.slice(seen);
    seen = tracker.events.length;
    const user = fresh.find((e) => e.event === "user");
    const intent = user?.event === "user" && "name" in user.parse_data.intent ? user.parse_data.intent.name : null;
    results.push({
      story: story.name,
      text: turn.text,
      expectedIntent: turn.intent,
      actualIntent: intent,
      expectedActions: turn.actions,
      actualActions: fresh.filter(isReported).map((e) => e.name ?? ""),
    });
  }
  return results;
}
