import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_INTENTS } from "../model/domain.js";
import { coreFingerprint, nluFingerprint, projectFingerprint } from "./fingerprint.js";
import { loadProject } from "./project.js";
import { validateProject } from "./validate.js";

const RASA = path.resolve(process.cwd(), "../shared/fixtures/rasa");
const TROLLBOT = path.resolve(process.cwd(), "../shared/fixtures/trollbot/rasa");

/** A writable copy of an example bot (fixtures themselves are read-only). */
function copyBot(bot: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "confab-project-")), bot);
  cpSync(path.join(RASA, bot), dir, { recursive: true });
  return dir;
}

describe("loadProject on the example bots", () => {
  it.each([
    // bot, stories, rules, test stories, NLU intents
    ["moodbot", 3, 7, 0, 7],
    ["formbot", 2, 6, 3, 9],
    ["rules", 0, 13, 0, 9],
    ["responseselectorbot", 3, 3, 0, 9],
    ["initial_project", 3, 2, 7, 7],
  ])("%s: %i stories, %i rules, %i test stories", (bot, stories, rules, tests, nluIntents) => {
    const p = loadProject(path.join(RASA, bot));
    expect(p.training.stories).toHaveLength(stories);
    expect(p.training.rules).toHaveLength(rules);
    expect(p.testStories).toHaveLength(tests);
    expect(new Set(p.training.nlu.examples.map((e) => e.intent)).size).toBe(nluIntents);
    expect(p.files).toContain(path.join(RASA, bot, "domain.yml"));
    expect(p.warnings.filter((w) => !w.includes("assistant_id"))).toEqual([]);
  });

  it("merges retrieval responses into the domain and marks the retrieval intent", () => {
    const p = loadProject(path.join(RASA, "responseselectorbot"));
    expect(p.domain.responses["utter_chitchat/ask_name"]).toHaveLength(2);
    expect(p.domain.intents.find((i) => i.name === "chitchat")?.is_retrieval_intent).toBe(true);
    expect(p.domain.intents.find((i) => i.name === "greet")?.is_retrieval_intent).toBeUndefined();
    expect(validateProject(p)).toEqual({ errors: [], warnings: [] });
  });

  it("reads test stories with user text and entities", () => {
    const p = loadProject(path.join(RASA, "formbot"));
    const step = p.testStories[1]?.steps.find((s) => s.kind === "intent" && s.textEntities?.length);
    expect(step).toMatchObject({
      intent: "inform",
      text: "afghan food",
      textEntities: [{ entity: "cuisine", value: "afghan" }],
    });
  });

  it("loads Trollbot with its data folder given explicitly", () => {
    const p = loadProject(TROLLBOT, { data: path.join(TROLLBOT, "data_nice") });
    expect(p.training.stories.length).toBeGreaterThan(10);
    expect(p.training.nlu.lookups.map((l) => l.name)).toEqual(["name", "artist"]);
    expect(p.endpoints.tracker_store).toMatchObject({ type: "mongod", db: "Trollbot", username: null });
    expect(p.credentials.callback).toEqual({ url: "http://localhost:3001/api/rasa/bot" });
    expect(p.domain.intents).toHaveLength(24 + DEFAULT_INTENTS.length);
  });
});

describe("validateProject", () => {
  it("reports nothing for moodbot and formbot's only issue is unused responses", () => {
    expect(validateProject(loadProject(path.join(RASA, "moodbot")))).toEqual({ errors: [], warnings: [] });
    const formbot = validateProject(loadProject(path.join(RASA, "formbot")));
    expect(formbot.errors).toEqual([]);
    expect(formbot.warnings.every((w) => /response 'utter_wrong_\w+' is not used/.test(w))).toBe(true);
  });

  it("finds a planted unknown intent, response, action, slot and entity with positions", () => {
    const dir = copyBot("moodbot");
    const stories = path.join(dir, "data/planted.yml");
    writeFileSync(
      stories,
      [
        'version: "3.1"',
        "stories:",
        "- story: planted",
        "  steps:",
        "  - intent: order_pizza",
        "    entities:",
        "    - topping: cheese",
        "  - action: utter_pizza",
        "  - action: action_bake",
        "  - slot_was_set:",
        "    - oven: hot",
        "nlu:",
        "- intent: mood_great",
        "  examples: |",
        "    - [super](level) happy",
        "",
      ].join("\n"),
    );
    const { errors, warnings } = validateProject(loadProject(dir));
    expect(errors).toEqual([
      `${stories}:5:5: intent 'order_pizza' is used in 'planted' but not declared in the domain`,
      `${stories}:8:5: response 'utter_pizza' is used in 'planted' but not declared in the domain`,
      `${stories}:9:5: action 'action_bake' is used in 'planted' but not declared in the domain`,
      `${stories}:10:5: slot 'oven' is not declared in the domain`,
    ]);
    expect(warnings).toEqual([
      `${stories}:5:5: entity 'topping' is used in a story but not declared in the domain`,
      `${stories}:15:1: entity 'level' is annotated but not declared in the domain`,
    ]);
  });

  it("reports NLU intents missing from the domain and domain intents/responses without use", () => {
    const dir = copyBot("moodbot");
    writeFileSync(
      path.join(dir, "domain.yml"),
      'version: "3.1"\nintents: [greet, goodbye, affirm, deny, mood_great, bot_challenge, never_trained]\n' +
        "responses:\n  utter_greet: [{text: hi}]\n  utter_cheer_up: [{text: x}]\n  utter_did_that_help: [{text: x}]\n" +
        "  utter_happy: [{text: x}]\n  utter_goodbye: [{text: x}]\n  utter_iamabot: [{text: x}]\n  utter_unused: [{text: x}]\n",
    );
    const { errors, warnings } = validateProject(loadProject(dir));
    const data = (f: string) => path.join(dir, "data", f);
    const unknown = "intent 'mood_unhappy' is used in";
    expect(errors).toEqual([
      `${data("stories.yml")}:16:5: ${unknown} 'sad path 1' but not declared in the domain`,
      `${data("stories.yml")}:26:5: ${unknown} 'sad path 2' but not declared in the domain`,
      `${data("rules.yml")}:25:7: ${unknown} 'mood_unhappy helped' but not declared in the domain`,
      `${data("nlu.yml")}:69:1: intent 'mood_unhappy' has NLU examples but is not declared in the domain`,
    ]);
    expect(warnings).toContain(`${path.join(dir, "domain.yml")}: intent 'never_trained' has no NLU training examples`);
    expect(warnings).toContain(
      `${path.join(dir, "domain.yml")}: response 'utter_unused' is not used in any story or rule`,
    );
    expect(warnings.some((w) => DEFAULT_INTENTS.some((d) => w.includes(`'${d}'`)))).toBe(false);
  });
});

describe("fingerprints", () => {
  it("change with the content of data files but not with their location", () => {
    const a = loadProject(copyBot("moodbot"));
    const b = loadProject(copyBot("moodbot"));
    expect(projectFingerprint(a)).toBe(projectFingerprint(b));
    expect(projectFingerprint(a)).toMatch(/^[0-9a-f]{64}$/);

    const stories = path.join(b.root, "data/stories.yml");
    writeFileSync(stories, "stories:\n- story: s\n  steps:\n  - intent: greet\n  - action: utter_greet\n");
    const changed = loadProject(b.root);
    expect(projectFingerprint(changed)).not.toBe(projectFingerprint(a));
    expect(coreFingerprint(changed)).not.toBe(coreFingerprint(a));
    expect(nluFingerprint(changed)).toBe(nluFingerprint(a));
    expect(projectFingerprint(changed.files)).not.toBe(projectFingerprint(a.files));
  });
});
