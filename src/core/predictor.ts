/**
 * @module core/predictor
 * What the processor needs from the policy ensemble.
 */
import type { Domain, Tracker } from "../model/index.js";
import type { PolicyPrediction } from "../policies/types.js";

export interface ActionPredictor {
  predict(tracker: Tracker, domain: Domain): PolicyPrediction;
}

/** A prediction as the processor runs it: forced actions (session start, followups) have no policy. */
export type ActionPrediction = Omit<PolicyPrediction, "policy"> & { policy: string | null };
