/**
 * Regression floors on small, fast subsets of the shared NLU benchmarks (the full runs are `npm run bench:nlu`).
 * Each dataset trains on a stratified slice of its `nlu.yml` and tests on the start of `test.jsonl`; the floors
 * sit a few points under what this code measured, so a real regression fails and noise does not.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTrainingData } from "../config/index.js";
import type { NluExample } from "../model/index.js";
import { DEFAULT_PIPELINE, trainNlu } from "./index.js";

const DATASETS = path.resolve(process.cwd(), "../shared/datasets");

interface Floor {
  dataset: string;
  perIntent: number;
  tests: number;
  intentAccuracy: number;
  entityF1: number | null;
}

const FLOORS: Floor[] = [
  // Measured: 0.991 / 0.946, 0.927, 0.970 / 0.711, 0.880 / 0.811, 0.633 (seed 42). ATIS was 0.915 before the
  // classifier stood in for DIET's balanced batches: this slice caps each intent at 60 training examples but tests
  // on the natural mix (mostly `atis_flight`), so lifting the rare intents costs here; on the full split it gains.
  { dataset: "braun-chatbot", perIntent: 100, tests: 106, intentAccuracy: 0.96, entityF1: 0.91 },
  { dataset: "braun-askubuntu", perIntent: 100, tests: 109, intentAccuracy: 0.89, entityF1: null },
  { dataset: "snips", perIntent: 80, tests: 200, intentAccuracy: 0.94, entityF1: 0.67 },
  { dataset: "atis", perIntent: 60, tests: 200, intentAccuracy: 0.85, entityF1: 0.77 },
  { dataset: "banking77", perIntent: 8, tests: 300, intentAccuracy: 0.59, entityF1: null },
];

function stratified(examples: readonly NluExample[], perIntent: number): NluExample[] {
  const seen = new Map<string, number>();
  return examples.filter((ex) => {
    const n = seen.get(ex.intent) ?? 0;
    seen.set(ex.intent, n + 1);
    return n < perIntent;
  });
}

interface TestCase {
  text: string;
  intent: string;
  entities: { entity: string; start: number; end: number }[];
}

describe.skipIf(!existsSync(DATASETS))("NLU accuracy floors on benchmark subsets", () => {
  for (const floor of FLOORS) {
    it(`${floor.dataset}: intent accuracy ≥ ${floor.intentAccuracy}${floor.entityF1 ? `, entity F1 ≥ ${floor.entityF1}` : ""}`, () => {
      const dir = path.join(DATASETS, floor.dataset);
      const data = loadTrainingData([path.join(dir, "nlu.yml")]).data.nlu;
      const model = trainNlu(
        { ...data, examples: stratified(data.examples, floor.perIntent) },
        { pipeline: DEFAULT_PIPELINE, language: "en", seed: 42 },
      );
      const tests = readFileSync(path.join(dir, "test.jsonl"), "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .slice(0, floor.tests)
        .map((l) => JSON.parse(l) as TestCase);
      let correct = 0;
      let tp = 0;
      let predicted = 0;
      let gold = 0;
      for (const t of tests) {
        const parse = model.parse(t.text);
        if (parse.intent_ranking?.find((r) => r.name !== "nlu_fallback")?.name === t.intent) correct++;
        const g = new Set(t.entities.map((e) => `${e.start}:${e.end}:${e.entity}`));
        const p = parse.entities.map((e) => `${e.start}:${e.end}:${e.entity}`);
        gold += g.size;
        predicted += p.length;
        tp += p.filter((k) => g.has(k)).length;
      }
      const accuracy = correct / tests.length;
      expect(accuracy).toBeGreaterThanOrEqual(floor.intentAccuracy);
      if (floor.entityF1 !== null) {
        const f1 = (2 * tp) / Math.max(1, predicted + gold);
        expect(f1).toBeGreaterThanOrEqual(floor.entityF1);
      }
    });
  }
});
