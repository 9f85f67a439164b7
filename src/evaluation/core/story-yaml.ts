/**
 * @module evaluation/core/story-yaml
 * Writes replayed test stories back as YAML test stories, marking each wrong prediction with
 * `# predicted: <action>` (and, in an end-to-end test, `# predicted: <intent>: <message>`) as Rasa's
 * `failed_test_stories.yml` does.
 */
import type { Event } from "../../model/index.js";
import { ACTION_LISTEN } from "../../model/index.js";
import type { StoryResult } from "./evaluate.js";
import type { UtteranceResult } from "./user-utterance.js";
import { annotatedText } from "./user-utterance.js";

const q = (s: string) => JSON.stringify(s);

/** Rasa's comment on a wrongly classified message: `predicted: <intent>: <text with the predicted entities>`. */
function predictedComment(u: UtteranceResult | undefined): string {
  if (!u?.wrong) return "";
  return `  # predicted: ${u.predictedIntent ?? "None"}: ${annotatedText(u.text, u.predictedEntities)}`;
}

function userLines(e: Extract<Event, { event: "user" }>, checked: UtteranceResult | undefined): string[] {
  const intent = e.parse_data && "name" in e.parse_data.intent ? e.parse_data.intent.name : null;
  const lines: string[] = [];
  if (e.text && !e.text.startsWith("/")) {
    lines.push(`  - user: |`, `      ${checked ? annotatedText(e.text, checked.goldEntities) : e.text}`);
    if (intent) lines.push(`    intent: ${intent}${predictedComment(checked)}`);
    else if (checked?.wrong) lines.push(`   ${predictedComment(checked)}`);
  } else if (intent) {
    lines.push(`  - intent: ${intent}`);
    const entities = e.parse_data?.entities ?? [];
    if (entities.length > 0) {
      lines.push(`    entities:`);
      for (const en of entities) lines.push(`    - ${en.entity}: ${JSON.stringify(en.value ?? "")}`);
    }
  }
  return lines;
}

function storyLines(result: StoryResult): string[] {
  const wrong = new Map(result.actions.filter((a) => a.gold !== a.predicted).map((a) => [a.eventIndex, a.predicted]));
  const utterances = new Map(result.utterances.map((u) => [u.eventIndex, u]));
  const lines = [`- story: ${q(result.name)}`, `  steps:`];
  result.events.forEach((e, i) => {
    if (e.event === "user") lines.push(...userLines(e, utterances.get(i)));
    else if (e.event === "action") {
      const name = e.name ?? null;
      const predicted = wrong.get(i);
      const comment = predicted === undefined ? "" : `  # predicted: ${predicted}`;
      if (name === ACTION_LISTEN && predicted === undefined) return;
      if (name !== null) lines.push(`  - action: ${name}${comment}`);
      else lines.push(`  - bot: ${q(e.action_text ?? "")}${comment}`);
    } else if (e.event === "slot") lines.push(`  - slot_was_set:`, `    - ${e.name}: ${JSON.stringify(e.value)}`);
    else if (e.event === "active_loop") lines.push(`  - active_loop: ${e.name ?? "null"}`);
  });
  return lines;
}

export function storiesYaml(results: readonly StoryResult[], emptyComment: string): string {
  if (results.length === 0) return `# ${emptyComment}\n`;
  return ['version: "3.1"', "stories:", ...results.flatMap(storyLines)].join("\n") + "\n";
}
