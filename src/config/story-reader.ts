/**
 * @module config/story-reader
 * `stories:` and `rules:` sections (`rasa-protocol.md` §7.2–7.3) → `Story[]` / `Rule[]` with source positions.
 */
import type { Rule, Story, StoryStep } from "../model/training.js";
import { parseStep, sourceOf } from "./story-steps.js";
import { warnUnknownKeys } from "./yaml-source.js";
import type { Cursor } from "./yaml-source.js";

export function readStories(section: Cursor, warnings: string[]): Story[] {
  const out: Story[] = [];
  for (const item of section.expectSeq("stories", true).items()) {
    item.expectMap("each story");
    warnUnknownKeys(item, ["story", "steps", "metadata"], "story", warnings);
    const name = item.get("story");
    if (!name || name.isNull()) {
      warnings.push(item.warning("story has no name ('story:'); it is ignored"));
      continue;
    }
    const story: Story = { name: name.text("story name"), steps: steps(item, warnings), source: sourceOf(item) };
    const metadata = item.get("metadata");
    if (metadata && !metadata.isNull()) story.metadata = metadata.expectMap("metadata").js() as Record<string, unknown>;
    out.push(story);
  }
  return out;
}

export function readRules(section: Cursor, warnings: string[]): Rule[] {
  const out: Rule[] = [];
  for (const item of section.expectSeq("rules", true).items()) {
    item.expectMap("each rule");
    const known = ["rule", "steps", "metadata", "condition", "conversation_start", "wait_for_user_input"];
    warnUnknownKeys(item, known, "rule", warnings);
    const name = item.get("rule");
    if (!name || name.isNull()) {
      warnings.push(item.warning("rule has no name ('rule:'); it is ignored"));
      continue;
    }
    const condition: StoryStep[] = [];
    const cond = item.get("condition");
    if (cond && !cond.isNull()) {
      for (const c of cond.expectSeq("condition").items()) {
        const step = parseStep(c, warnings);
        if (!step) continue;
        if (step.kind !== "slot_was_set" && step.kind !== "active_loop") {
          throw c.error("a rule condition may only contain slot_was_set and active_loop steps");
        }
        condition.push(step);
      }
    }
    const rule: Rule = {
      name: name.text("rule name"),
      steps: steps(item, warnings),
      condition,
      conversation_start: item.get("conversation_start")?.bool("conversation_start", false) ?? false,
      wait_for_user_input: item.get("wait_for_user_input")?.bool("wait_for_user_input", true) ?? true,
      source: sourceOf(item),
    };
    const metadata = item.get("metadata");
    if (metadata && !metadata.isNull()) rule.metadata = metadata.expectMap("metadata").js() as Record<string, unknown>;
    out.push(rule);
  }
  return out;
}

function steps(item: Cursor, warnings: string[]): StoryStep[] {
  const s = item.get("steps");
  if (!s || s.isNull()) {
    warnings.push(item.warning("no 'steps'"));
    return [];
  }
  const out: StoryStep[] = [];
  for (const c of s.expectSeq("steps").items()) {
    const step = parseStep(c, warnings);
    if (step) out.push(step);
  }
  return out;
}
