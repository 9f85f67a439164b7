/**
 * @module evaluation/core/report
 * `story_report.json` (`rasa-protocol.md` §7.6): an sklearn-style classification report over action
 * labels (precision, recall, f1-score, support per label; accuracy; macro and weighted averages) plus
 * `conversation_accuracy`. An end-to-end test adds the intents and entities of the user messages as labels, as
 * Rasa's `EvaluationStore.serialise` does.
 */
import type { StoryResult } from "./evaluate.js";
import { entityPairs, intentPairs } from "./user-utterance.js";

export interface LabelScores {
  precision: number;
  recall: number;
  "f1-score": number;
  support: number;
}

export interface ConversationAccuracy {
  accuracy: number;
  correct: number;
  with_warnings: number;
  total: number;
}

export type StoryReport = Record<string, LabelScores | number | ConversationAccuracy> & {
  accuracy: number;
  conversation_accuracy: ConversationAccuracy;
};

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function actionPairs(results: readonly StoryResult[]): { gold: string; predicted: string }[] {
  return results.flatMap((s) => s.actions.map((a) => ({ gold: a.gold, predicted: a.predicted })));
}

export function conversationAccuracy(results: readonly StoryResult[]): ConversationAccuracy {
  const correct = results.filter((r) => !r.failed).length;
  return {
    accuracy: results.length === 0 ? 0 : correct / results.length,
    correct,
    with_warnings: results.filter((r) => r.warning).length,
    total: results.length,
  };
}

/** Everything the report scores: actions, then the user messages' intents and entities (`e2e` only). */
function scoredPairs(results: readonly StoryResult[]): { gold: string; predicted: string }[] {
  const utterances = results.flatMap((s) => s.utterances);
  return [...actionPairs(results), ...intentPairs(utterances), ...entityPairs(utterances)];
}

export function storyReport(results: readonly StoryResult[]): StoryReport {
  const pairs = scoredPairs(results);
  const labels = [...new Set(pairs.flatMap((p) => [p.gold, p.predicted]))].sort();
  const report: Record<string, LabelScores> = {};
  for (const label of labels) {
    const tp = pairs.filter((p) => p.gold === label && p.predicted === label).length;
    const predicted = pairs.filter((p) => p.predicted === label).length;
    const support = pairs.filter((p) => p.gold === label).length;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    report[label] = { precision, recall, "f1-score": f1(precision, recall), support };
  }
  const scores = Object.values(report);
  const total = pairs.length;
  const avg = (key: "precision" | "recall" | "f1-score", weighted: boolean) =>
    weighted
      ? scores.reduce((s, x) => s + x[key] * x.support, 0) / Math.max(1, total)
      : scores.reduce((s, x) => s + x[key], 0) / Math.max(1, scores.length);
  const averaged = (weighted: boolean): LabelScores => ({
    precision: avg("precision", weighted),
    recall: avg("recall", weighted),
    "f1-score": avg("f1-score", weighted),
    support: total,
  });
  return {
    ...report,
    accuracy: total === 0 ? 0 : pairs.filter((p) => p.gold === p.predicted).length / total,
    "macro avg": averaged(false),
    "weighted avg": averaged(true),
    conversation_accuracy: conversationAccuracy(results),
  };
}
