/**
 * @module evaluation/nlu/evaluate
 * `rasa test nlu` for a trained model: parses every test example and writes, to `outDir`, `intent_report.json`,
 * `intent_errors.json`, `intent_confusion_matrix.svg`, `intent_histogram.svg`, per entity extractor
 * `<Extractor>_report.json` and `<Extractor>_errors.json`, and for retrieval intents
 * `response_selection_report.json` and `response_selection_errors.json`. Returns the headline numbers and the whole
 * evaluation (`rasa-result`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NluExample } from "../../model/index.js";
import type { NluModel } from "../../nlu/index.js";
import { rasaNluEvaluation, type EvaluatedExample, type RasaNluEvaluation } from "./rasa-result.js";
import { confusionMatrix, type LabelScores } from "./report.js";
import { confusionMatrixSvg, histogramSvg } from "./svg.js";

export type { EvaluatedExample } from "./rasa-result.js";

export interface NluEvaluationOptions {
  outDir: string;
}

export interface NluEvaluationResult {
  examples: number;
  intentAccuracy: number;
  intentMacroF1: number;
  /** Token-level micro F1 per entity extractor. */
  entityF1: Record<string, number>;
  responseSelectionAccuracy: number | null;
  files: string[];
  /** Everything, as Rasa's `run_evaluation` returns it (and `POST /model/test/intents` answers). */
  evaluation: RasaNluEvaluation;
}

export function parseExamples(model: NluModel, examples: readonly NluExample[]): EvaluatedExample[] {
  return examples.map((example) => ({ example, parse: model.parse(example.text) }));
}

/** Writes the reports for already parsed examples (used directly by cross-validation). */
export function writeNluReports(
  evaluated: readonly EvaluatedExample[],
  options: NluEvaluationOptions,
): NluEvaluationResult {
  mkdirSync(options.outDir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, content: unknown) => {
    const file = path.join(options.outDir, name);
    writeFileSync(file, typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
    files.push(file);
  };

  const evaluation = rasaNluEvaluation(evaluated);
  const intents = evaluation.intent_evaluation;
  if (intents) {
    write("intent_report.json", intents.report);
    write("intent_errors.json", intents.errors);
    const gold = intents.predictions.map((p) => p.intent);
    const predicted = intents.predictions.map((p) => p.predicted);
    const matrix = confusionMatrix(gold, predicted);
    write("intent_confusion_matrix.svg", confusionMatrixSvg(matrix.labels, matrix.counts));
    const hits = intents.predictions.filter((p) => p.predicted === p.intent).map((p) => p.confidence);
    const misses = intents.predictions.filter((p) => p.predicted !== p.intent).map((p) => p.confidence);
    write("intent_histogram.svg", histogramSvg(hits, misses));
  }

  const entityF1: Record<string, number> = {};
  for (const [extractor, scores] of Object.entries(evaluation.entity_evaluation ?? {})) {
    write(`${extractor}_report.json`, scores.report);
    write(`${extractor}_errors.json`, scores.errors);
    entityF1[extractor] = (scores.report["micro avg"] as LabelScores)["f1-score"];
  }

  const responses = evaluation.response_selection_evaluation;
  if (responses) {
    write("response_selection_report.json", responses.report);
    write("response_selection_errors.json", responses.errors);
  }

  return {
    examples: evaluated.length,
    intentAccuracy: intents?.accuracy ?? 0,
    intentMacroF1: intents ? (intents.report["macro avg"] as LabelScores)["f1-score"] : 0,
    entityF1,
    responseSelectionAccuracy: responses?.accuracy ?? null,
    files,
    evaluation,
  };
}

/**
 * Evaluates `model` on `testData` like `rasa test nlu` and writes the reports to `options.outDir`.
 *
 * @example evaluateNlu(model, project.training.nlu.examples, { outDir: "results" })
 */
export function evaluateNlu(
  model: NluModel,
  testData: readonly NluExample[],
  options: NluEvaluationOptions,
): NluEvaluationResult {
  return writeNluReports(parseExamples(model, testData), options);
}
