/**
 * Benchmark data: the datasets in `../shared/datasets` (train on `nlu.yml`, test on `test.jsonl`) and the
 * metrics every system is scored with.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadTrainingData } from "../src/config/index.js";
import type { NluData } from "../src/model/index.js";

export const DATASETS_DIR = path.resolve(import.meta.dirname, "../../shared/datasets");
export const DATASETS = ["braun-chatbot", "braun-askubuntu", "braun-webapps", "snips", "atis", "banking77"];

export interface GoldEntity {
  entity: string;
  start: number;
  end: number;
  value: string;
}

export interface TestCase {
  text: string;
  intent: string;
  entities: GoldEntity[];
}

export function loadTrain(dataset: string): NluData {
  const loaded = loadTrainingData([path.join(DATASETS_DIR, dataset, "nlu.yml")]);
  return loaded.data.nlu;
}

export function loadTest(dataset: string, limit = Infinity): TestCase[] {
  const lines = readFileSync(path.join(DATASETS_DIR, dataset, "test.jsonl"), "utf8").split("\n");
  return lines
    .filter((l) => l.trim())
    .slice(0, limit)
    .map((l) => JSON.parse(l) as TestCase);
}

export interface Prediction {
  intent: string;
  entities: { entity: string; start: number; end: number }[];
}

export interface Counts {
  n: number;
  correct: number;
  /** Per gold/predicted label: true positives, false positives, false negatives. */
  perIntent: Record<string, { tp: number; fp: number; fn: number }>;
  entityTp: number;
  entityFp: number;
  entityFn: number;
  goldEntities: number;
}

export function score(tests: readonly TestCase[], predictions: readonly Prediction[]): Counts {
  const c: Counts = { n: 0, correct: 0, perIntent: {}, entityTp: 0, entityFp: 0, entityFn: 0, goldEntities: 0 };
  const cell = (label: string) => (c.perIntent[label] ??= { tp: 0, fp: 0, fn: 0 });
  tests.forEach((t, i) => {
    const p = predictions[i] as Prediction;
    c.n++;
    if (p.intent === t.intent) {
      c.correct++;
      cell(t.intent).tp++;
    } else {
      cell(t.intent).fn++;
      cell(p.intent).fp++;
    }
    const gold = new Set(t.entities.map((e) => `${e.start}:${e.end}:${e.entity}`));
    const pred = new Set(p.entities.map((e) => `${e.start}:${e.end}:${e.entity}`));
    c.goldEntities += gold.size;
    for (const k of pred)
      if (gold.has(k)) c.entityTp++;
      else c.entityFp++;
    for (const k of gold) if (!pred.has(k)) c.entityFn++;
  });
  return c;
}

/** Macro F1 over the intents that occur in the test set (gold labels), as scikit-learn does with `labels=gold`. */
export function macroF1(c: Counts, goldLabels: ReadonlySet<string>): number {
  const f1s = [...goldLabels].map((label) => {
    const { tp, fp, fn } = c.perIntent[label] ?? { tp: 0, fp: 0, fn: 0 };
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp + fn === 0 ? 0 : tp / (tp + fn);
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  });
  return f1s.length === 0 ? 0 : f1s.reduce((a, b) => a + b, 0) / f1s.length;
}

export function entityF1(c: Counts): number | null {
  if (c.goldEntities === 0) return null;
  const p = c.entityTp + c.entityFp === 0 ? 0 : c.entityTp / (c.entityTp + c.entityFp);
  const r = c.entityTp + c.entityFn === 0 ? 0 : c.entityTp / (c.entityTp + c.entityFn);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}
