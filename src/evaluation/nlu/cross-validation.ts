/**
 * @module evaluation/nlu/cross-validation
 * `rasa test nlu --cross-validation --folds N`: the examples are split into N folds, stratified by intent (each
 * intent's examples dealt round-robin after a seeded shuffle); each fold is tested on a model trained on the
 * others. The reports are written over all folds' test predictions together, and per-fold figures are returned.
 */
import type { NluData, NluExample } from "../../model/index.js";
import { trainNlu, type NluTrainOptions } from "../../nlu/index.js";
import { seededRandom, shuffleInPlace } from "../../nlu/prng.js";
import { parseExamples, writeNluReports, type EvaluatedExample, type NluEvaluationResult } from "./evaluate.js";
import { baseIntent } from "./rasa-result.js";
import { classificationReport } from "./report.js";

export interface CrossValidationResult extends NluEvaluationResult {
  folds: { train: number; test: number; intentAccuracy: number }[];
}

export function stratifiedFolds(examples: readonly NluExample[], folds: number, seed: number): NluExample[][] {
  const byIntent = new Map<string, NluExample[]>();
  for (const ex of examples) byIntent.set(ex.intent, [...(byIntent.get(ex.intent) ?? []), ex]);
  const out: NluExample[][] = Array.from({ length: folds }, () => []);
  const random = seededRandom(seed);
  let next = 0;
  for (const intent of [...byIntent.keys()].sort()) {
    const list = [...(byIntent.get(intent) as NluExample[])];
    shuffleInPlace(list, random);
    for (const ex of list) {
      (out[next % folds] as NluExample[]).push(ex);
      next++;
    }
  }
  return out;
}

export function crossValidateNlu(
  data: NluData,
  trainOptions: NluTrainOptions,
  options: { outDir: string; folds: number; onFold?: (fold: number, total: number) => void },
): CrossValidationResult {
  const k = Math.max(2, Math.floor(options.folds));
  if (data.examples.length < k) {
    throw new Error(`Cross-validation with ${k} folds needs at least ${k} examples, got ${data.examples.length}.`);
  }
  const parts = stratifiedFolds(data.examples, k, trainOptions.seed ?? 42);
  const all: EvaluatedExample[] = [];
  const folds: CrossValidationResult["folds"] = [];
  parts.forEach((test, i) => {
    options.onFold?.(i + 1, k);
    const train = parts.filter((_, j) => j !== i).flat();
    const model = trainNlu({ ...data, examples: train }, trainOptions);
    const evaluated = parseExamples(model, test);
    all.push(...evaluated);
    const report = classificationReport(
      evaluated.map((e) => baseIntent(e.example.intent)),
      evaluated.map((e) => ("name" in e.parse.intent ? e.parse.intent.name : "")),
    );
    folds.push({ train: train.length, test: test.length, intentAccuracy: report.accuracy as number });
  });
  return { ...writeNluReports(all, { outDir: options.outDir }), folds };
}
