/**
 * `confab test core` on every Rasa example bot: all test stories pass (moodbot has none, so its stories
 * are the test; the rules bot has none either, so the test adds stories that follow its rules, with the
 * slot values its custom actions would set written down as Rasa's test stories require).
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "../../config/index.js";
import { trainPolicies } from "../../policies/index.js";
import { RASA_FIXTURES, copyProject } from "../../testing/fixtures.js";
import { testCore } from "./index.js";

const RULES_TESTS = `version: "3.1"
stories:
- story: greet at the start
  steps:
  - intent: greet
  - action: utter_greet
- story: form with an explanation inside, then submit
  steps:
  - intent: activate_q_form
  - action: loop_q_form
  - active_loop: loop_q_form
  - slot_was_set:
    - requested_slot: some_slot
  - intent: explain
  - action: utter_explain_some_slot
  - action: loop_q_form
  - active_loop: loop_q_form
  - intent: inform
    entities:
    - some_slot: bla
  - action: loop_q_form
  - active_loop: null
  - slot_was_set:
    - requested_slot: null
  - action: utter_stop
- story: detailed faq that did not help, then stop
  steps:
  - slot_was_set:
    - detailed_faq: true
  - intent: faq
  - action: utter_faq
  - action: utter_ask_did_help
  - intent: deny
  - action: utter_detailed_faq
  - action: utter_ask_did_help
  - intent: deny
  - action: utter_ask_stop
  - intent: affirm
  - action: utter_stop
- story: low NLU confidence starts the two-stage fallback
  steps:
  - intent: ask_possibilities
  - action: utter_list_possibilities
  - intent: nlu_fallback
  - action: action_two_stage_fallback
  - active_loop: action_two_stage_fallback
`;

async function conversationAccuracy(root: string, tests?: string[], useTrainingStories = false) {
  const project = loadProject(root, tests ? { tests } : {});
  const ensemble = trainPolicies(project.config.policies, project.training, project.domain);
  const stories = useTrainingStories ? project.training.stories : project.testStories;
  const out = path.join(os.tmpdir(), `confab-test-core-${path.basename(root)}-${process.pid}`);
  const result = await testCore(stories, ensemble, project.domain, { outDir: out });
  const failures = result.results
    .filter((r) => r.failed)
    .map((r) => `${r.name}: ${JSON.stringify(r.actions.filter((a) => a.gold !== a.predicted))}`);
  return { conv: result.report.conversation_accuracy, failures, out };
}

describe("confab test core on the Rasa example bots", () => {
  it.each([
    ["formbot", 3],
    ["initial_project", 7],
  ])("%s: every test story passes", async (bot, total) => {
    const { conv, failures } = await conversationAccuracy(path.join(RASA_FIXTURES, bot));
    expect(failures).toEqual([]);
    expect(conv).toEqual({ accuracy: 1, correct: total, with_warnings: 0, total });
  });

  it("responseselectorbot: its stories/test_stories.yml passes, retrieval actions by full name", async () => {
    const root = path.join(RASA_FIXTURES, "responseselectorbot");
    const { conv, failures } = await conversationAccuracy(root, [path.join(root, "stories")]);
    expect(failures).toEqual([]);
    expect(conv.total).toBe(2);
  });

  it("moodbot: its stories, replayed as tests, pass", async () => {
    const { conv, failures } = await conversationAccuracy(path.join(RASA_FIXTURES, "moodbot"), undefined, true);
    expect(failures).toEqual([]);
    expect(conv.total).toBe(3);
  });

  it("rules: stories following its rules (forms, conditions, wait_for_user_input: false, fallback) pass", async () => {
    const root = copyProject(path.join(RASA_FIXTURES, "rules"));
    mkdirSync(path.join(root, "tests"), { recursive: true });
    writeFileSync(path.join(root, "tests/test_rules.yml"), RULES_TESTS);
    const { conv, failures, out } = await conversationAccuracy(root);
    expect(failures).toEqual([]);
    expect(conv.total).toBe(4);
    expect(readFileSync(path.join(out, "failed_test_stories.yml"), "utf8")).toContain(
      "None of the test stories failed",
    );
  });
});
