/**
 * @module evaluation/nlu/rasa-result
 * The evaluation of parsed test examples as the dictionary Rasa's `rasa.nlu.test.run_evaluation` returns, which is
 * what `POST /model/test/intents` answers and what the report files of `confab test nlu` are cut from:
 * `intent_evaluation` (`predictions`, `report`, `precision`, `f1_score`, `accuracy`, `errors`), `entity_evaluation`
 * (the same, minus `predictions`, per extractor) and `response_selection_evaluation`; an evaluation with nothing to
 * evaluate is `null`. `precision` and `f1_score` are the weighted averages of the report, as scikit-learn's
 * `average="weighted"` gives them to Rasa; entity scores leave out `no_entity`, entity accuracy counts every token.
 */
import type { NluExample, ParseResult } from "../../model/index.js";
import { entityTokensByExtractor, NO_ENTITY, type ExtractorTokens } from "./entities.js";
import { classificationReport, type ClassificationReport, type LabelScores } from "./report.js";

/** One parsed test example: what the evaluation needs from a ParseResult. */
export interface EvaluatedExample {
  example: NluExample;
  parse: ParseResult;
}

export interface IntentPrediction {
  text: string;
  intent: string;
  predicted: string;
  confidence: number;
}

export interface IntentError {
  text: string;
  intent: string;
  intent_prediction: { name: string; confidence: number };
}

export interface ResponsePrediction {
  text: string;
  intent_response_key_target: string;
  intent_response_key_prediction: string;
  confidence: number;
}

export interface ResponseError {
  text: string;
  intent_response_key_target: string;
  intent_response_key_prediction: string;
}

interface Scores<E> {
  report: ClassificationReport;
  precision: number;
  f1_score: number;
  accuracy: number;
  errors: E[];
}

export type IntentEvaluation = Scores<IntentError> & { predictions: IntentPrediction[] };
export type EntityEvaluation = Scores<ExtractorTokens["errors"][number]>;
export type ResponseSelectionEvaluation = Scores<ResponseError> & { predictions: ResponsePrediction[] };

export interface RasaNluEvaluation {
  intent_evaluation: IntentEvaluation | null;
  entity_evaluation: Record<string, EntityEvaluation> | null;
  response_selection_evaluation: ResponseSelectionEvaluation | null;
}

const intentOf = (p: ParseResult): { name: string; confidence: number } =>
  "name" in p.intent ? { name: p.intent.name, confidence: p.intent.confidence } : { name: "", confidence: 0 };

/** Rasa scores the base intent of retrieval intents; the full intent is the response selector's job. */
export const baseIntent = (intent: string): string => intent.split("/")[0] ?? intent;

/** The response selector's pick for retrieval intent `base` (its own selector, else the default one). */
export function selectedResponse(parse: ParseResult, base: string): { key: string; confidence: number } {
  const selector = parse.response_selector as
    Record<string, { response?: { intent_response_key?: string | null; confidence?: number } }> | undefined;
  const pick = selector?.[base]?.response ?? selector?.default?.response;
  return { key: pick?.intent_response_key ?? "", confidence: pick?.confidence ?? 0 };
}

function weighted(report: ClassificationReport): { precision: number; f1_score: number } {
  const avg = report["weighted avg"] as LabelScores;
  return { precision: avg.precision, f1_score: avg["f1-score"] };
}

/** Rasa's evaluation of one label per example: the report, its weighted averages, accuracy and the misses. */
function scoredPredictions<P, E>(
  predictions: P[],
  target: (p: P) => string,
  predicted: (p: P) => string,
  error: (p: P) => E,
): Scores<E> & { predictions: P[] } {
  const report = classificationReport(predictions.map(target), predictions.map(predicted));
  const errors = predictions.filter((p) => predicted(p) !== target(p)).map(error);
  return { predictions, report, ...weighted(report), accuracy: report.accuracy as number, errors };
}

function intentEvaluation(evaluated: readonly EvaluatedExample[]): IntentEvaluation | null {
  if (evaluated.length === 0) return null;
  const predictions = evaluated.map((e): IntentPrediction => {
    const predicted = intentOf(e.parse);
    return {
      text: e.example.text,
      intent: baseIntent(e.example.intent),
      predicted: predicted.name,
      confidence: predicted.confidence,
    };
  });
  return scoredPredictions(
    predictions,
    (p) => p.intent,
    (p) => p.predicted,
    (p) => ({ text: p.text, intent: p.intent, intent_prediction: { name: p.predicted, confidence: p.confidence } }),
  );
}

/**
 * One report per extractor that found something, or per extractor at all when the test data is annotated (an
 * extractor that never fires on unannotated data has nothing to be scored on).
 */
function entityEvaluation(evaluated: readonly EvaluatedExample[]): Record<string, EntityEvaluation> | null {
  const cases = evaluated.map((e) => ({ text: e.example.text, gold: e.example.entities, predicted: e.parse.entities }));
  const annotated = evaluated.some((e) => e.example.entities.length > 0);
  const result: Record<string, EntityEvaluation> = {};
  for (const [extractor, tokens] of entityTokensByExtractor(cases, [])) {
    if (!annotated && tokens.predicted.every((t) => t === NO_ENTITY)) continue;
    const report = classificationReport(tokens.gold, tokens.predicted, NO_ENTITY);
    const right = tokens.gold.filter((label, i) => label === tokens.predicted[i]).length;
    const accuracy = tokens.gold.length === 0 ? 0 : right / tokens.gold.length;
    result[extractor] = { report, ...weighted(report), accuracy, errors: tokens.errors };
  }
  return Object.keys(result).length > 0 ? result : null;
}

function responseSelectionEvaluation(evaluated: readonly EvaluatedExample[]): ResponseSelectionEvaluation | null {
  const retrieval = evaluated.filter((e) => e.example.intent.includes("/"));
  if (retrieval.length === 0) return null;
  const predictions = retrieval.map((e): ResponsePrediction => {
    const selected = selectedResponse(e.parse, baseIntent(e.example.intent));
    return {
      text: e.example.text,
      intent_response_key_target: e.example.intent,
      intent_response_key_prediction: selected.key,
      confidence: selected.confidence,
    };
  });
  return scoredPredictions(
    predictions,
    (p) => p.intent_response_key_target,
    (p) => p.intent_response_key_prediction,
    ({ text, intent_response_key_target, intent_response_key_prediction }) => ({
      text,
      intent_response_key_target,
      intent_response_key_prediction,
    }),
  );
}

export function rasaNluEvaluation(evaluated: readonly EvaluatedExample[]): RasaNluEvaluation {
  return {
    intent_evaluation: intentEvaluation(evaluated),
    entity_evaluation: entityEvaluation(evaluated),
    response_selection_evaluation: responseSelectionEvaluation(evaluated),
  };
}
