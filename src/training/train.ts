/**
 * @module training/train
 * Trains NLU and dialogue policies from a loaded project. Reuses the NLU or core part of a
 * previous model when its fingerprint is unchanged (Rasa's incremental training skip).
 */
import { randomUUID } from "node:crypto";
import type { TrainedModel } from "../model-archive/archive.js";
import { trainNlu } from "../nlu/index.js";
import { trainPolicies } from "../policies/index.js";
import { CONFAB_VERSION, RASA_VERSION } from "../version.js";
import type { TrainingInput } from "./fingerprint.js";
import { fingerprintOf } from "./fingerprint.js";

export interface TrainOptions {
  /** A previous model whose unchanged parts are reused. */
  previous?: TrainedModel | null;
  force?: boolean;
  /** Train only one part (`confab train nlu` / `confab train core`). */
  only?: "nlu" | "core";
  seed?: number;
  warn?: (message: string) => void;
  onProgress?: (stage: "nlu" | "core", done: number, total: number) => void;
}

export interface TrainResult {
  model: TrainedModel;
  trained: { nlu: boolean; core: boolean };
}

export function trainModel(input: TrainingInput, options: TrainOptions = {}): TrainResult {
  const fingerprint = fingerprintOf(input);
  const previous = options.force ? null : (options.previous ?? null);
  const warn = options.warn ?? (() => undefined);

  const reuseNlu = options.only === "core" || (previous?.metadata.fingerprint.nlu === fingerprint.nlu && previous.nlu);
  const reuseCore = options.only === "nlu" || previous?.metadata.fingerprint.core === fingerprint.core;

  const hasNluData = input.training.nlu.examples.length > 0;
  const nlu =
    reuseNlu && previous
      ? previous.nlu
      : hasNluData
        ? trainNlu(input.training.nlu, {
            pipeline: input.config.pipeline,
            language: input.config.language,
            seed: options.seed,
            responses: input.domain.responses,
            warn,
            onProgress: (done, total) => options.onProgress?.("nlu", done, total),
          })
        : null;
  const policies =
    reuseCore && previous
      ? previous.policies
      : trainPolicies(input.config.policies, input.training, input.domain, { warn });
  if (!(reuseCore && previous)) options.onProgress?.("core", 1, 1);

  return {
    model: {
      metadata: {
        confab_version: CONFAB_VERSION,
        rasa_version: RASA_VERSION,
        trained_at: new Date().toISOString(),
        model_id: randomUUID().replace(/-/g, ""),
        assistant_id: input.config.assistant_id,
        language: input.config.language,
        fingerprint: {
          nlu: reuseNlu && previous ? previous.metadata.fingerprint.nlu : fingerprint.nlu,
          core: reuseCore && previous ? previous.metadata.fingerprint.core : fingerprint.core,
        },
      },
      domain: input.domain,
      nlu,
      policies,
    },
    trained: { nlu: !(reuseNlu && previous), core: !(reuseCore && previous) },
  };
}

/** True when the model was trained from exactly this project content. */
export function isUpToDate(model: TrainedModel, input: TrainingInput): boolean {
  const fp = fingerprintOf(input);
  return model.metadata.fingerprint.nlu === fp.nlu && model.metadata.fingerprint.core === fp.core;
}
