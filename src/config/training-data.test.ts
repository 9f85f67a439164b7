import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTrainingData } from "./training-data.js";

const RASA = path.resolve(process.cwd(), "../shared/fixtures/rasa");

function temp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "confab-data-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("NLU data", () => {
  it("reads block and extended examples, synonyms, regexes and lookups with positions", () => {
    const dir = temp({
      "nlu.yml": [
        'version: "3.1"',
        "nlu:",
        "- intent: check_balance",
        "  metadata: {sentiment: neutral}",
        "  examples: |",
        "    - what's my [credit](account) balance?",
        '    - balance on my [credit card account]{"entity":"account","value":"credit"}',
        "- intent: greet",
        "  examples:",
        "  - text: |",
        "      hi",
        "    metadata: {lang: en}",
        "- synonym: savings",
        "  examples: |",
        "    - Saving Account",
        "- regex: account_number",
        "  examples: |",
        "    - \\d{10,12}",
        "- lookup: banks",
        "  examples: banks.txt",
        "",
      ].join("\n"),
      "banks.txt": "JPMC\n\nComerica\n",
    });
    const { data, warnings } = loadTrainingData([path.join(dir, "nlu.yml")]);
    expect(warnings).toEqual([]);
    const [first, second, third] = data.nlu.examples;
    expect(first).toMatchObject({
      text: "what's my credit balance?",
      intent: "check_balance",
      entities: [{ entity: "account", start: 10, end: 16, value: "credit" }],
      metadata: { intent: { sentiment: "neutral" } },
      source: { line: 6 },
    });
    expect(second?.text).toBe("balance on my credit card account");
    expect(second?.source?.line).toBe(7);
    expect(third).toMatchObject({ text: "hi", intent: "greet", metadata: { example: { lang: "en" } } });
    expect(data.nlu.synonyms).toEqual({ "credit card account": "credit", "saving account": "savings" });
    expect(data.nlu.regexes).toEqual([{ name: "account_number", pattern: "\\d{10,12}" }]);
    expect(data.nlu.lookups).toEqual([{ name: "banks", elements: ["JPMC", "Comerica"] }]);
  });

  it("warns about example lines without a dash, pointing at the line", () => {
    const dir = temp({ "nlu.yml": "nlu:\n- intent: greet\n  examples: |\n    - hi\n    hello\n" });
    const file = path.join(dir, "nlu.yml");
    const { data, warnings } = loadTrainingData([file]);
    expect(data.nlu.examples.map((e) => e.text)).toEqual(["hi"]);
    expect(warnings).toEqual([
      `${file}:5:1: training example does not start with '- ' and is ignored: 'hello' (key: nlu.0.examples)`,
    ]);
  });

  it("reads Rasa's JSON format, ignoring the misspelt 'entitites' key with a warning", () => {
    const file = path.join(RASA, "golden/demo-rasa.json");
    const { data, warnings } = loadTrainingData([file]);
    expect(data.nlu.examples.length).toBeGreaterThan(40);
    expect(data.nlu.examples.filter((e) => e.intent === "chitchat/ask_name").map((e) => e.text)).toEqual([
      "What's your name?",
      "What can I call you?",
    ]);
    expect(data.nlu.regexes).toContainEqual({ name: "zipcode", pattern: "[0-9]{5}" });
    expect(data.nlu.synonyms.veggie).toBe("vegetarian");
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/unknown key 'entitites'/);
    const chines = data.nlu.examples.find((e) =>
      e.entities.some((x) => x.entity === "cuisine" && x.end - x.start === 6),
    );
    expect(chines?.text.slice(8, 14).toLowerCase()).toBe("chines");
    expect(chines?.entities[0]?.value).toBe("chinese");
  });
});

describe("stories and rules", () => {
  it("parses every step kind with source positions", () => {
    const dir = temp({
      "stories.yml": [
        'version: "2.0"',
        "stories:",
        "- story: full",
        "  metadata: {author: x}",
        "  steps:",
        "  - checkpoint: start_cp",
        "    slot_was_set:",
        "    - started: true",
        "  - intent: inform",
        "    entities:",
        "    - people: 3",
        "    - entity: city",
        "      value: Paris",
        "      role: to",
        "    - cuisine",
        "  - slot_was_set:",
        "    - people: 3",
        "    - cuisine",
        "  - action: restaurant_form",
        "  - active_loop: restaurant_form",
        "  - active_loop: null",
        "  - bot: Here you go",
        "  - user: |",
        '      book [two]{"entity": "people", "value": "2"} seats',
        "    intent: inform",
        "  - or:",
        "    - intent: affirm",
        "    - intent: thankyou",
        "  - checkpoint: end_cp",
        "",
      ].join("\n"),
    });
    const file = path.join(dir, "stories.yml");
    const { data, warnings } = loadTrainingData([file]);
    expect(warnings).toEqual([]);
    const story = data.stories[0]!;
    expect(story.name).toBe("full");
    expect(story.metadata).toEqual({ author: "x" });
    expect(story.source).toEqual({ file, line: 3, col: 3 });
    const steps = story.steps.map(({ source: _source, ...rest }) => rest);
    expect(steps).toEqual([
      { kind: "checkpoint", name: "start_cp", slotWasSet: [{ name: "started", value: true }] },
      {
        kind: "intent",
        intent: "inform",
        entities: [
          { entity: "people", value: 3 },
          { entity: "city", value: "Paris", role: "to" },
          { entity: "cuisine", value: "" },
        ],
      },
      { kind: "slot_was_set", slots: [{ name: "people", value: 3 }, { name: "cuisine" }] },
      { kind: "action", name: "restaurant_form" },
      { kind: "active_loop", name: "restaurant_form" },
      { kind: "active_loop", name: null },
      { kind: "bot", text: "Here you go" },
      {
        kind: "intent",
        intent: "inform",
        entities: [],
        text: "book two seats",
        textEntities: [{ entity: "people", value: "2", start: 5, end: 8 }],
      },
      expect.objectContaining({ kind: "or" }),
      { kind: "checkpoint", name: "end_cp" },
    ]);
    expect(story.steps[3]?.source?.line).toBe(19);
  });

  it("applies rule defaults and reads conditions", () => {
    const dir = temp({
      "rules.yml": [
        "rules:",
        "- rule: submit",
        "  condition:",
        "  - active_loop: restaurant_form",
        "  - slot_was_set:",
        "    - cuisine: thai",
        "  steps:",
        "  - action: restaurant_form",
        "  - active_loop: null",
        "- rule: greet at start",
        "  conversation_start: true",
        "  wait_for_user_input: false",
        "  steps:",
        "  - intent: greet",
        "  - action: utter_greet",
        "",
      ].join("\n"),
    });
    const { data } = loadTrainingData([path.join(dir, "rules.yml")]);
    const [submit, greet] = data.rules;
    expect(submit).toMatchObject({ conversation_start: false, wait_for_user_input: true });
    expect(submit?.condition.map((s) => s.kind)).toEqual(["active_loop", "slot_was_set"]);
    expect(greet).toMatchObject({ conversation_start: true, wait_for_user_input: false });
  });

  it("reads retrieval responses from data files and old format versions", () => {
    const bot = path.join(RASA, "responseselectorbot/data");
    const { data, responses, warnings } = loadTrainingData(
      ["nlu.yml", "rules.yml", "stories.yml"].map((f) => path.join(bot, f)),
    );
    expect(warnings).toEqual([]);
    expect(Object.keys(responses)).toEqual(["utter_chitchat/ask_name", "utter_chitchat/ask_weather"]);
    expect(responses["utter_chitchat/ask_name"]?.[0]).toEqual({
      image: "https://i.imgur.com/zTvA58i.jpeg",
      text: "hello, my name is retrieval bot.",
    });
    expect(data.rules).toHaveLength(3);
    expect(data.nlu.examples.some((e) => e.intent === "chitchat/ask_weather")).toBe(true);
  });

  it("rejects a rule condition with an intent, naming the position", () => {
    const dir = temp({ "r.yml": "rules:\n- rule: x\n  condition:\n  - intent: greet\n  steps: []\n" });
    expect(() => loadTrainingData([path.join(dir, "r.yml")])).toThrow(/r\.yml:4:5: a rule condition may only contain/);
  });
});
