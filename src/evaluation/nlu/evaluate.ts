/**
 * @module evaluation/nlu/evaluate
 * `rasa test nlu` for a trained model: parses every test example and writes, to `outDir`, `intent_report.json`,
 * `intent_errors.json`, `intent_confusion_matrix.svg`, `intent_histogram.svg`, per entity extractor
 * `<Extractor>_report.json` and `<Extractor>_errors.json`, and for retrieval intents
 * `response_selection_report.json` and `response_selection_errors.json`. Returns the headline numbers.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NluExample, ParseResult } from "../../model/index.js";
import type { NluModel } from "../../nlu/index.js";
import { entityTokensByExtractor, NO_ENTITY } from "./entities.js";
import { classificationReport, confusionMatrix, type ClassificationReport, type LabelScores } from "./report.js";
import { confusionMatrixSvg, histogramSvg } from "./svg.js";

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
}

/** One parsed test example: what the evaluation needs from a ParseResult. */
export interface EvaluatedExample {
  example: NluExample;
  parse: ParseResult;
}

const intentOf = (p: ParseResult): { name: string; confidence: number } =>
  "name" in p.intent ? { name: p.intent.name, confidence: p.intent.confidence } : { name: "", confidence: 0 };

/** Rasa scores the base intent of retrieval intents; the full intent is the response selector's job. */
const baseIntent = (intent: string): string => intent.split("/")[0] ?? intent;

function selectedResponse(parse: ParseResult, base: string): string {
  const selector = parse.response_selector as
    Record<string, { response?: { intent_response_key?: string | null } }> | undefined;
  const pick = selector?.[base]?.response ?? selector?.default?.response;
  return pick?.intent_response_key ?? "";
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

  const gold = evaluated.map((e) => baseIntent(e.example.intent));
  const predicted = evaluated.map((e) => intentOf(e.parse));
  const intentReport = classificationReport(
    gold,
    predicted.map((p) => p.name),
  );
  write("intent_report.json", intentReport);
  write(
    "intent_errors.json",
    evaluated.flatMap((e, i) =>
      (predicted[i] as { name: string }).name === gold[i]
        ? []
        : [{ text: e.example.text, intent: gold[i], intent_prediction: predicted[i] }],
    ),
  );
  const matrix = confusionMatrix(
    gold,
    predicted.map((p) => p.name),
  );
  write("intent_confusion_matrix.svg", confusionMatrixSvg(matrix.labels, matrix.counts));
  const hits = predicted.filter((p, i) => p.name === gold[i]).map((p) => p.confidence);
  const misses = predicted.filter((p, i) => p.name !== gold[i]).map((p) => p.confidence);
  write("intent_histogram.svg", histogramSvg(hits, misses));

  const entityF1: Record<string, number> = {};
  const cases = evaluated.map((e) => ({ text: e.example.text, gold: e.example.entities, predicted: e.parse.entities }));
  const annotated = evaluated.some((e) => e.example.entities.length > 0);
  for (const [extractor, tokens] of entityTokensByExtractor(cases, [])) {
    if (!annotated && tokens.predicted.every((t) => t === NO_ENTITY)) continue;
    const report = classificationReport(tokens.gold, tokens.predicted, NO_ENTITY);
    write(`${extractor}_report.json`, report);
    write(`${extractor}_errors.json`, tokens.errors);
    entityF1[extractor] = (report["micro avg"] as LabelScores)["f1-score"];
  }

  let responseSelectionAccuracy: number | null = null;
  const retrieval = evaluated.filter((e) => e.example.intent.includes("/"));
  if (retrieval.length > 0) {
    const rGold = retrieval.map((e) => e.example.intent);
    const rPred = retrieval.map((e) => selectedResponse(e.parse, baseIntent(e.example.intent)));
    const report: ClassificationReport = classificationReport(rGold, rPred);
    write("response_selection_report.json", report);
    write(
      "response_selection_errors.json",
      retrieval.flatMap((e, i) =>
        rPred[i] === rGold[i]
          ? []
          : [{ text: e.example.text, intent_response_key_target: rGold[i], intent_response_key_prediction: rPred[i] }],
      ),
    );
    responseSelectionAccuracy = report.accuracy as number;
  }

  return {
    examples: evaluated.length,
    intentAccuracy: intentReport.accuracy as number,
    intentMacroF1: (intentReport["macro avg"] as LabelScores)["f1-score"],
    entityF1,
    responseSelectionAccuracy,
    files,
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
