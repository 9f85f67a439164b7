/** @module nlu - Confab's NLU: train a model from NluData, parse text into Rasa's ParseResult, `/intent` payloads. */
export type { NluModel, NluTrainOptions, ParseOptions } from "./types.js";
export { loadNlu } from "./pipeline.js";
export { trainNlu } from "./pipeline-train.js";
export { parsePayload } from "./payload.js";
export { planPipeline, DEFAULT_PIPELINE, type NluPlan } from "./components.js";
export { NLU_FALLBACK } from "./fallback.js";
export { tokenize, type Token } from "./tokenizer.js";
