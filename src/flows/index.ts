/**
 * @module flows
 * MultimodalChatbotCreator-style process flows: definition, engine, NLU adapters, state stores, servers.
 */
export * from "./definition/index.js";
export * from "./engine/index.js";
export * from "./nlu/index.js";
export * from "./store/index.js";
export * from "./runtime/index.js";
export * from "./server/index.js";
export { loadFlowProject, runFlowProject } from "./project.js";
export { isFlowProject } from "./project-files.js";
export type { LoadFlowProjectOptions, RunFlowProjectOptions, RunningFlowProject } from "./project.js";
export { findFlowProjectFiles } from "./project-files.js";
export { loadFlowConfig } from "./flow-config.js";
