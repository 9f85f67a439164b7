export * from "./types.js";
export { noNluAdapter } from "./none.js";
export { rasaNluAdapter } from "./rasa.js";
export type { RasaNluOptions } from "./rasa.js";
export { confabNluAdapter, trainConfabNluAdapter, DEFAULT_FLOW_PIPELINE } from "./confab.js";
export { createNluAdapter, parseNluConfig, nluConfigSchema, DEFAULT_NLU_CONFIG } from "./config.js";
export type { FlowNluConfig } from "./config.js";
