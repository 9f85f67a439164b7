import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadTrainingData } from "../config/index.js";
import { DEFAULT_PIPELINE, trainNlu } from "./index.js";

const YAML = `version: "3.1"
nlu:
- intent: greet
  examples: |
    - hello
    - hi there
    - hey
- intent: lonely
  examples: |
    - only one example here
- intent: order
  examples: |
    - a [pizza](food) please
    - two [burgers](food)
    - [ ](food) nothing
- lookup: drink
  examples: |
    - cola
`;

function load() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "confab-nlu-"));
  const file = path.join(dir, "nlu.yml");
  writeFileSync(file, YAML);
  const data = loadTrainingData([file]).data.nlu;
  // An empty example and an annotation outside its text cannot be written in YAML: add them as a reader might.
  data.examples.push({ text: "   ", intent: "greet", entities: [], source: { file, line: 99 } });
  data.examples.push({
    text: "short",
    intent: "order",
    entities: [{ entity: "food", start: 3, end: 40, value: "x" }],
    source: { file, line: 100 },
  });
  return { file, data };
}

describe("bad NLU training data", () => {
  const { file, data } = load();
  const warnings: string[] = [];
  const model = trainNlu(data, { pipeline: DEFAULT_PIPELINE, language: "en", warn: (w) => warnings.push(w) });

  it("warns with file:line about an intent with one example", () => {
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^${file}:10: intent 'lonely' has only one`)));
  });

  it("warns about empty examples and annotations pointing at nothing, with file:line", () => {
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^${file}:99: empty training example`)));
    expect(warnings).toContainEqual(
      expect.stringMatching(new RegExp(`^${file}:100: entity annotation 'food'.*outside`)),
    );
    expect(warnings).toContainEqual(expect.stringMatching(/entity annotation 'food' .*covers no word/));
  });

  it("warns about a lookup table for an entity no example annotates", () => {
    expect(warnings).toContainEqual(expect.stringContaining("lookup table 'drink' names no entity"));
  });

  it("parses empty, emoji, mixed-script and huge text without NaN", () => {
    for (const text of ["", "   ", "😀😀", "pizza Привет 你好 مرحبا", "a [pizza](food) please ".repeat(500)]) {
      const result = model.parse(text);
      for (const r of result.intent_ranking ?? []) expect(Number.isFinite(r.confidence)).toBe(true);
      for (const e of result.entities) expect(Number.isFinite(e.confidence_entity ?? 1)).toBe(true);
    }
    expect(model.parse("").intent).toEqual({ name: "nlu_fallback", confidence: 0.3 });
  });
});
