/**
 * @module flows/nlu/confab
 * Confab's in-process NLU (`src/nlu`), trained from Rasa NLU YAML at start-up; no server needed.
 */
import type { ComponentConfig, NluData } from "../../model/index.js";
import type { NluModel, NluTrainOptions } from "../../nlu/types.js";
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

interface NluModule {
  trainNlu(data: NluData, options: NluTrainOptions): NluModel | Promise<NluModel>;
}
interface ConfigModule {
  loadTrainingData(files: string[]): NluData | { nlu: NluData } | Promise<NluData | { nlu: NluData }>;
}

// Resolved at run time so the flows package does not depend on the NLU build order.
const NLU_MODULE = "../../nlu/index.js";
const CONFIG_MODULE = "../../config/index.js";

export interface TrainFlowNluOptions {
  files: string[];
  pipeline?: ComponentConfig[];
  language?: string;
  warn?: (message: string) => void;
}

/** Trains Confab's NLU on the given nlu.yml files and wraps it as an adapter. */
export async function trainConfabNluAdapter(options: TrainFlowNluOptions): Promise<FlowNluAdapter> {
  let nlu: NluModule;
  let config: ConfigModule;
  try {
    nlu = (await import(NLU_MODULE)) as NluModule;
    config = (await import(CONFIG_MODULE)) as ConfigModule;
  } catch (err) {
    throw new FlowNluError(`Confab's NLU is not available: ${(err as Error).message}`, { cause: err });
  }
  const loaded = await config.loadTrainingData(options.files);
  const data = "nlu" in loaded && !("examples" in loaded) ? loaded.nlu : (loaded as NluData);
  const model = await nlu.trainNlu(data, {
    pipeline: options.pipeline ?? DEFAULT_FLOW_PIPELINE,
    language: options.language ?? "en",
    ...(options.warn ? { warn: options.warn } : {}),
  });
  return confabNluAdapter(model);
}
