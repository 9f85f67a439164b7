/**
 * @module nlu/fallback
 * Rasa's FallbackClassifier: when the top intent's confidence is below `threshold`, or the top two are closer than
 * `ambiguity_threshold`, the intent becomes `nlu_fallback` with confidence = threshold, inserted at the top of the
 * ranking (the original ranking is kept below it).
 */
import type { IntentPrediction } from "../model/index.js";

export const NLU_FALLBACK = "nlu_fallback";

export interface FallbackConfig {
  threshold: number;
  ambiguityThreshold: number;
}

export function shouldFallback(ranking: readonly IntentPrediction[], config: FallbackConfig): boolean {
  const top = ranking[0];
  if (!top) return true;
  if (top.name === NLU_FALLBACK) return false;
  if (top.confidence < config.threshold) return true;
  const second = ranking[1];
  return second !== undefined && top.confidence - second.confidence < config.ambiguityThreshold;
}

/** Returns the (possibly) new intent and ranking. */
export function applyFallback(
  ranking: readonly IntentPrediction[],
  config: FallbackConfig,
): { intent: IntentPrediction | null; ranking: IntentPrediction[] } {
  if (!shouldFallback(ranking, config)) return { intent: ranking[0] ?? null, ranking: [...ranking] };
  const fallback = { name: NLU_FALLBACK, confidence: config.threshold };
  return { intent: { ...fallback }, ranking: [fallback, ...ranking] };
}
