import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RASA_FIXTURES, copyProject } from "../testing/fixtures.js";
import { buildProgram } from "./program.js";

async function confab(args: string[]): Promise<{ lines: string[]; exitCode: number }> {
  const lines: string[] = [];
  process.exitCode = 0;
  await buildProgram((l) => lines.push(l)).parseAsync(["node", "confab", ...args]);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { lines, exitCode };
}

function project(bot: string, tests: Record<string, string>, config?: string): string {
  const root = copyProject(path.join(RASA_FIXTURES, bot));
  mkdirSync(path.join(root, "tests"), { recursive: true });
  for (const [name, text] of Object.entries(tests)) writeFileSync(path.join(root, "tests", name), text);
  if (config) writeFileSync(path.join(root, "config.yml"), config);
  return root;
}

afterEach(() => {
  process.exitCode = 0;
});

const REORDERED = `version: "3.1"
stories:
- story: happy first, then sad, helped
  steps:
  - intent: greet
  - action: utter_greet
  - intent: mood_great
  - action: utter_happy
  - intent: mood_unhappy
  - action: utter_cheer_up
  - action: utter_did_that_help
  - intent: affirm
  - action: utter_happy
`;

const WRONG = `version: "3.1"
stories:
- story: says goodbye to a greeting
  steps:
  - intent: greet
  - action: utter_goodbye
`;

const FORM_INTERRUPTED = `version: "3.1"
stories:
- story: stop after the first slot, then continue
  steps:
  - intent: request_restaurant
  - action: restaurant_form
  - active_loop: restaurant_form
  - slot_was_set:
    - requested_slot: cuisine
  - intent: inform
    entities:
    - cuisine: greek
  - action: restaurant_form
  - slot_was_set:
    - requested_slot: num_people
  - intent: stop
  - action: utter_ask_continue
  - intent: affirm
  - action: restaurant_form
  - active_loop: null
  - action: utter_submit
  - action: utter_slots_values
`;

const E2E = `version: "3.1"
stories:
- story: greeted and happy
  steps:
  - user: |
      hello there
    intent: greet
  - action: utter_greet
  - user: |
      I am feeling great
    intent: mood_great
  - action: utter_happy
- story: a greeting labelled goodbye on purpose
  steps:
  - user: |
      hello
    intent: goodbye
  - action: utter_goodbye
`;

describe("confab test", () => {
  it("passes a story with reordered turns through the learned policy and writes Rasa's result files", async () => {
    const root = project("initial_project", { "test_reordered.yml": REORDERED });
    const { lines, exitCode } = await confab(["test", "core", "--project", root, "--fail-on-prediction-errors"]);
    expect(lines).toContain("\tCorrect:          8 / 8");
    // Some predictions came from the learned policy, not from memorised paths.
    expect(lines.find((l) => l.includes("In-data fraction"))).not.toMatch(/1\.000$/);
    expect(exitCode).toBe(0);
    const report = JSON.parse(readFileSync(path.join(root, "results/story_report.json"), "utf8"));
    expect(report.conversation_accuracy).toEqual({ accuracy: 1, correct: 8, with_warnings: 0, total: 8 });
    expect(report.utter_cheer_up.support).toBeGreaterThan(0);
    expect(readFileSync(path.join(root, "results/failed_test_stories.yml"), "utf8")).toMatch(
      /None of the test stories failed/,
    );
    expect(existsSync(path.join(root, "results/stories_with_warnings.yml"))).toBe(true);
    expect(readFileSync(path.join(root, "results/story_confusion_matrix.svg"), "utf8")).toMatch(
      /^<svg[\s\S]*utter_cheer_up/,
    );
  });

  it("marks wrong predictions in failed_test_stories.yml and exits non-zero with --fail-on-prediction-errors", async () => {
    const root = project("moodbot", { "test_wrong.yml": WRONG });
    const plain = await confab(["test", "--project", root]);
    expect(plain.exitCode).toBe(0);
    expect(plain.lines.join("\n")).toContain("FAILED story 'says goodbye to a greeting'");
    const strict = await confab(["test", "--project", root, "--fail-on-prediction-errors"]);
    expect(strict.exitCode).toBe(1);
    const failed = readFileSync(path.join(root, "results/failed_test_stories.yml"), "utf8");
    expect(failed).toContain("- action: utter_goodbye  # predicted: utter_greet");
    const report = JSON.parse(readFileSync(path.join(root, "results/story_report.json"), "utf8"));
    expect(report.conversation_accuracy).toMatchObject({ accuracy: 0, correct: 0, total: 1 });
  });

  it("--e2e also checks the NLU's intent on every user message: a wrong label fails its story", async () => {
    const root = project("moodbot", { "test_e2e.yml": E2E });
    // Without --e2e the story's own intents drive the replay and every action is right.
    const core = await confab(["test", "core", "--project", root, "--fail-on-prediction-errors"]);
    expect(core.exitCode).toBe(0);
    let report = JSON.parse(readFileSync(path.join(root, "results/story_report.json"), "utf8"));
    expect(report.greet).toBeUndefined();

    const e2e = await confab(["test", "core", "--project", root, "--e2e", "--fail-on-prediction-errors"]);
    expect(e2e.exitCode).toBe(1);
    expect(e2e.lines).toContain(
      "FAILED story 'a greeting labelled goodbye on purpose': 'hello' expected intent 'goodbye', predicted 'greet'",
    );
    expect(e2e.lines.filter((l) => l.startsWith("FAILED"))).toHaveLength(1);
    report = JSON.parse(readFileSync(path.join(root, "results/story_report.json"), "utf8"));
    // Intents are scored next to actions, as in Rasa's end-to-end report.
    expect(report.greet).toMatchObject({ support: 1, recall: 1, precision: 0.5 });
    expect(report.goodbye).toMatchObject({ support: 1, recall: 0 });
    expect(report.mood_great).toMatchObject({ support: 1, recall: 1, precision: 1 });
    expect(report.conversation_accuracy).toMatchObject({ correct: 1, total: 2 });
    const failed = readFileSync(path.join(root, "results/failed_test_stories.yml"), "utf8");
    expect(failed).toContain("    intent: goodbye  # predicted: greet: hello");
    expect(failed).not.toContain("greeted and happy");
  });

  it("--e2e on formbot's own test stories: intents and the annotated entity are right", async () => {
    const config = readFileSync(path.join(RASA_FIXTURES, "formbot/config.yml"), "utf8").replace(
      /epochs: 1\b/g,
      "epochs: 100",
    );
    const root = project("formbot", {}, config);
    const { lines } = await confab(["test", "core", "--project", root, "--e2e"]);
    expect(lines.filter((l) => l.startsWith("FAILED"))).toEqual([]);
    const report = JSON.parse(readFileSync(path.join(root, "results/story_report.json"), "utf8"));
    expect(report["[afghan](cuisine)"]).toMatchObject({ support: 1, precision: 1, recall: 1 });
    expect(report.request_restaurant).toMatchObject({ support: 3, recall: 1 });
  });

  it("an interruption inside a form that no story has is handled by TEDPolicy (no Memoization configured)", async () => {
    const config = `recipe: default.v1
language: en
pipeline: []
policies:
  - name: TEDPolicy
    max_history: 5
    epochs: 100
  - name: RulePolicy
`;
    const root = project("formbot", { "test_interrupted.yml": FORM_INTERRUPTED }, config);
    const { lines, exitCode } = await confab(["test", "core", "--project", root, "--fail-on-prediction-errors"]);
    expect(lines.filter((l) => l.startsWith("FAILED"))).toEqual([]);
    expect(lines.find((l) => l.includes("In-data fraction"))).not.toMatch(/1\.000$/);
    expect(exitCode).toBe(0);
  });
});
