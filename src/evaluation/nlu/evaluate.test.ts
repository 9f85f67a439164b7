import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "../../config/index.js";
import { DEFAULT_PIPELINE, trainNlu } from "../../nlu/index.js";
import { FIXTURES, nluDataFromYaml } from "../../nlu/test-data.js";
import { crossValidateNlu, evaluateNlu, runNluTest } from "./index.js";
import { classificationReport } from "./report.js";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "confab-eval-"));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- report JSON is checked field by field below
const readJson = (dir: string, name: string): any => JSON.parse(readFileSync(path.join(dir, name), "utf8"));

describe("classification report", () => {
  it("has scikit-learn's numbers and Rasa's confused_with, without NaN", () => {
    const report = classificationReport(["a", "a", "b", "c"], ["a", "b", "b", "b"]);
    expect(report.a).toEqual({ precision: 1, recall: 0.5, "f1-score": 2 / 3, support: 2, confused_with: { b: 1 } });
    expect(report.c).toEqual({ precision: 0, recall: 0, "f1-score": 0, support: 1, confused_with: { b: 1 } });
    expect(report.accuracy).toBe(0.5);
    expect(report["macro avg"]).toMatchObject({ support: 4 });
    expect(JSON.stringify(report)).not.toContain("null");
  });
});

const DATA = `
nlu:
- intent: order
  examples: |
    - a [pizza](food) please
    - two [burgers](food) for me
    - I want [pasta](food)
    - get me a [salad](food)
    - can I have [soup](food)
- intent: greet
  examples: |
    - hello
    - hi there
    - good morning
    - hey
    - hello friend
`;

describe("evaluateNlu", () => {
  const data = nluDataFromYaml(DATA);
  const model = trainNlu(data, { pipeline: DEFAULT_PIPELINE, language: "en" });

  it("writes Rasa's report files and the two pictures", () => {
    const out = tmp();
    const result = evaluateNlu(
      model,
      [
        ...data.examples,
        {
          text: "a pizza please, hello",
          intent: "greet",
          entities: [{ entity: "food", start: 2, end: 7, value: "pizza" }],
        },
      ],
      { outDir: out },
    );
    const report = readJson(out, "intent_report.json");
    expect(Object.keys(report)).toEqual(["greet", "order", "accuracy", "macro avg", "weighted avg"]);
    expect(result.intentAccuracy).toBeCloseTo(10 / 11, 5);
    expect(readJson(out, "intent_errors.json")).toEqual([
      {
        text: "a pizza please, hello",
        intent: "greet",
        intent_prediction: { name: "order", confidence: expect.any(Number) },
      },
    ]);
    const entities = readJson(out, "DIETClassifier_report.json");
    expect(entities.food.support).toBe(6);
    expect(entities["micro avg"]["f1-score"]).toBeGreaterThan(0.9);
    expect(entities).not.toHaveProperty("no_entity");
    const svg = readFileSync(path.join(out, "intent_confusion_matrix.svg"), "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(">order</text>");
    expect(readFileSync(path.join(out, "intent_histogram.svg"), "utf8")).toContain("wrong (1)");
  });

  it("cross-validates with stratified folds", () => {
    const out = tmp();
    const result = crossValidateNlu(data, { pipeline: DEFAULT_PIPELINE, language: "en" }, { outDir: out, folds: 5 });
    expect(result.folds.map((f) => f.test)).toEqual([2, 2, 2, 2, 2]);
    expect(result.examples).toBe(10);
    expect(existsSync(path.join(out, "intent_report.json"))).toBe(true);
  });
});

describe("runNluTest (confab test nlu)", () => {
  it("reports response selection for the responseselectorbot and prints a summary", () => {
    const out = tmp();
    const lines: string[] = [];
    const project = loadProject(path.join(FIXTURES, "responseselectorbot"));
    const result = runNluTest({ project, model: null, outDir: out, print: (l) => lines.push(l) });
    expect(result.responseSelectionAccuracy).toBe(1);
    const report = readJson(out, "response_selection_report.json");
    expect(report["chitchat/ask_name"]).toMatchObject({ precision: 1, recall: 1 });
    // The same evaluation as POST /model/test/intents answers it (Rasa's response_selection_evaluation).
    const selection = result.evaluation.response_selection_evaluation!;
    expect(selection.report).toEqual(report);
    expect(selection.predictions.length).toBe(report["weighted avg"].support);
    expect(selection.predictions[0]).toMatchObject({
      intent_response_key_target: expect.stringMatching(/^chitchat\//),
      confidence: expect.any(Number),
    });
    expect(selection.errors).toEqual([]);
    expect(lines.some((l) => l.startsWith("Intent evaluation on"))).toBe(true);
    expect(lines.at(-1)).toBe(`Reports written to ${out}`);
  });
});
