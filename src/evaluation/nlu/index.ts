/**
 * @module evaluation/nlu
 * `confab test nlu`: evaluate the NLU model of a project like `rasa test nlu`, on the project's NLU data or on
 * `--nlu FILE`, or by cross-validation (`--cross-validation --folds N`, which trains one model per fold).
 */
import path from "node:path";
import { loadTrainingData, type Project } from "../../config/index.js";
import type { NluExample } from "../../model/index.js";
import { trainNlu, type NluModel, type NluTrainOptions } from "../../nlu/index.js";
import { crossValidateNlu } from "./cross-validation.js";
import { evaluateNlu, type NluEvaluationResult } from "./evaluate.js";

export { evaluateNlu, writeNluReports, parseExamples, type NluEvaluationResult } from "./evaluate.js";
export { rasaNluEvaluation, type RasaNluEvaluation } from "./rasa-result.js";
export { crossValidateNlu, stratifiedFolds, type CrossValidationResult } from "./cross-validation.js";
export { classificationReport, confusionMatrix, type ClassificationReport } from "./report.js";
export { confusionMatrixSvg, histogramSvg } from "./svg.js";

export interface RunNluTestOptions {
  project: Project;
  /** The trained NLU model (from the project's latest model); trained on the fly when null. */
  model: NluModel | null;
  /** Test data file (Rasa's `--nlu`); the project's NLU training data when absent. */
  nluFile?: string;
  crossValidation?: boolean;
  folds?: number;
  /** Where the reports go (Rasa's `--out`, default `results`). */
  outDir: string;
  print: (line: string) => void;
}

/** How a project's NLU is trained for an evaluation (its pipeline, language and retrieval responses). */
export function nluTrainOptions(project: Project, warn: (message: string) => void): NluTrainOptions {
  return {
    pipeline: project.config.pipeline,
    language: project.config.language,
    responses: project.domain.responses,
    warn,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

function summary(result: NluEvaluationResult, print: (line: string) => void): void {
  print(
    `Intent evaluation on ${result.examples} examples: accuracy ${pct(result.intentAccuracy)}, macro F1 ${pct(result.intentMacroF1)}`,
  );
  for (const [extractor, f1] of Object.entries(result.entityF1))
    print(`Entity evaluation (${extractor}): micro F1 ${pct(f1)}`);
  if (result.responseSelectionAccuracy !== null) {
    print(`Response selection: accuracy ${pct(result.responseSelectionAccuracy)}`);
  }
}

/** Runs the evaluation, prints a summary and returns the result; reports are written to `outDir`. */
export function runNluTest(options: RunNluTestOptions): NluEvaluationResult {
  const { project, print } = options;
  // Cross-validation trains once per fold: each warning is printed once.
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    print(`warning: ${message}`);
  };
  const trainOptions = nluTrainOptions(project, warn);
  if (options.crossValidation) {
    const folds = options.folds ?? 5;
    const result = crossValidateNlu(project.training.nlu, trainOptions, {
      outDir: options.outDir,
      folds,
      onFold: (i, k) => print(`Cross-validation fold ${i}/${k} ...`),
    });
    result.folds.forEach((f, i) =>
      print(`fold ${i + 1}: train ${f.train}, test ${f.test}, intent accuracy ${pct(f.intentAccuracy)}`),
    );
    summary(result, print);
    print(`Reports written to ${options.outDir}`);
    return result;
  }
  let examples: NluExample[] = project.training.nlu.examples;
  if (options.nluFile) {
    const loaded = loadTrainingData([path.resolve(options.nluFile)]);
    for (const w of loaded.warnings) warn(w);
    examples = loaded.data.nlu.examples;
  }
  const model = options.model ?? trainNlu(project.training.nlu, trainOptions);
  const result = evaluateNlu(model, examples, { outDir: options.outDir });
  summary(result, print);
  print(`Reports written to ${options.outDir}`);
  return result;
}
