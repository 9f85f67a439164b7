export * from "./types.js";
export { FlowEngine } from "./engine.js";
export { addUtterance } from "./utterance.js";
