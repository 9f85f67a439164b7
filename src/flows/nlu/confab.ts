/**
 * @module flows/nlu/confab
 * Confab's in-process NLU (`src/nlu`), trained from Rasa NLU YAML at start-up; no server needed.
 */
import { loadTrainingData } from "../../config/index.js";
import type { ComponentConfig } from "../../model/index.js";
import { trainNlu } from "../../nlu/index.js";
import type { NluModel } from "../../nlu/types.js";
import type { FlowNluAdapter } from "./types.js";
import { FlowNluError, parseToData } from "./types.js";

/** A pipeline close to Rasa's default for English, used when flow.yml names none. */
export const DEFAULT_FLOW_PIPELINE: ComponentConfig[] = [
  { name: "WhitespaceTokenizer" },
  { name: "RegexFeaturizer" },
  { name: "LexicalSyntacticFeaturizer" },
  { name: "CountVectorsFeaturizer" },
  { name: "CountVectorsFeaturizer", analyzer: "char_wb", min_ngram: 1, max_ngram: 4 },
  { name: "DIETClassifier", epochs: 100 },
  { name: "EntitySynonymMapper" },
];

export function confabNluAdapter(model: NluModel): FlowNluAdapter {
  return {
    kind: "confab",
    parse(text) {
      try {
        return Promise.resolve(parseToData(model.parse(text)));
      } catch (err) {
        return Promise.reject(new FlowNluError(`NLU parse failed: ${(err as Error).message}`, { cause: err }));
      }
    },
  };
}

export interface TrainFlowNluOptions {
  files: string[];
  pipeline?: ComponentConfig[];
  language?: string;
  warn?: (message: string) => void;
}

/** Trains Confab's NLU on the given nlu.yml files and wraps it as an adapter. */
export function trainConfabNluAdapter(options: TrainFlowNluOptions): FlowNluAdapter {
  let loaded;
  try {
    loaded = loadTrainingData(options.files);
  } catch (err) {
    throw new FlowNluError(`cannot read NLU training data: ${(err as Error).message}`, { cause: err });
  }
  for (const w of loaded.warnings) options.warn?.(w);
  if (loaded.data.nlu.examples.length === 0) {
    throw new FlowNluError(`no NLU examples in ${options.files.join(", ")}`);
  }
  const model = trainNlu(loaded.data.nlu, {
    pipeline: options.pipeline ?? DEFAULT_FLOW_PIPELINE,
    language: options.language ?? "en",
    ...(options.warn ? { warn: options.warn } : {}),
  });
  return confabNluAdapter(model);
}
