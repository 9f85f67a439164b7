/**
 * @module rooms/story-match
 * Names the training story or rule an executed action most likely came from, for the CSV log
 * (Trollbot's `storyMatcher.js` did this for its researchers). Heuristic: the first rule (when a
 * rule policy predicted it) or story in which the latest user intent is followed, before the next
 * user step, by this action. `or` steps count as any of their alternatives.
 */
import type { Rule, Story, StoryStep } from "../model/training.js";

export interface StoryMatch {
  story: string;
  rule: string;
  step: number | null;
}

const NONE: StoryMatch = { story: "", rule: "", step: null };

function intentMatches(step: StoryStep, intent: string): boolean {
  if (step.kind === "intent") return step.intent === intent;
  if (step.kind === "or") return step.alternatives.some((a) => intentMatches(a, intent));
  return false;
}

function isUserStep(step: StoryStep): boolean {
  return step.kind === "intent" || step.kind === "or";
}

/** 1-based index of `action` after a step for `intent` in `steps`, or null. */
function findStep(steps: StoryStep[], intent: string, action: string): number | null {
  for (let i = 0; i < steps.length; i++) {
    if (!intentMatches(steps[i]!, intent)) continue;
    for (let j = i + 1; j < steps.length && !isUserStep(steps[j]!); j++) {
      const s = steps[j]!;
      if (s.kind === "action" && s.name === action) return j + 1;
    }
  }
  return null;
}

export function matchStory(
  training: { stories: Story[]; rules: Rule[] } | null,
  intent: string | null,
  action: string,
  policy: string | null,
): StoryMatch {
  if (!training || !intent) return NONE;
  const byRule = (policy ?? "").toLowerCase().includes("rule");
  const inRules = () => {
    for (const r of training.rules) {
      const step = findStep(r.steps, intent, action);
      if (step !== null) return { story: "", rule: r.name, step };
    }
    return null;
  };
  const inStories = () => {
    for (const s of training.stories) {
      const step = findStep(s.steps, intent, action);
      if (step !== null) return { story: s.name, rule: "", step };
    }
    return null;
  };
  return (byRule ? (inRules() ?? inStories()) : (inStories() ?? inRules())) ?? NONE;
}
