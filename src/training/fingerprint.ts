/**
 * @module training/fingerprint
 * What a model was trained from, as two hashes over the *parsed* project (so comments and
 * formatting changes do not force retraining): NLU = NLU model format + pipeline + language + NLU data;
 * core = policies + domain + stories + rules.
 */
import { createHash } from "node:crypto";
import type { Domain, ModelConfig, TrainingData } from "../model/index.js";
import { NLU_FORMAT_VERSION } from "../nlu/model-json.js";

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);

export interface TrainingInput {
  config: ModelConfig;
  domain: Domain;
  training: TrainingData;
}

export function fingerprintOf(input: TrainingInput): { nlu: string; core: string } {
  return {
    // The format version is part of it: a model from a Confab whose NLU features differ is retrained, not reused.
    nlu: hash({
      format: NLU_FORMAT_VERSION,
      pipeline: input.config.pipeline,
      language: input.config.language,
      nlu: input.training.nlu,
    }),
    core: hash({
      policies: input.config.policies,
      domain: input.domain,
      stories: input.training.stories.map((s) => ({ ...s, source: undefined })),
      rules: input.training.rules.map((r) => ({ ...r, source: undefined })),
    }),
  };
}
