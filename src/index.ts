/**
 * @module confab
 * Confab's programmatic API: load a Rasa 3.x project, train it, and serve or drive it in-process.
 *
 * @example
 * import { loadProject, trainModel, startAgent, silentLogger } from "confab";
 * const project = loadProject("./my-bot");
 * const { model } = trainModel(project);
 * const agent = await startAgent({ model, projectRoot: "./my-bot", logger: silentLogger, endpoints: project.endpoints });
 */
export * from "./model/index.js";
export { loadProject, validateProject, ConfigError } from "./config/index.js";
export type { Project, ProjectOverrides } from "./config/index.js";
export { trainModel, isUpToDate } from "./training/train.js";
export type { TrainOptions, TrainResult } from "./training/train.js";
export { saveModel, loadModel, latestModelFile } from "./model-archive/archive.js";
export type { TrainedModel, ModelMetadata } from "./model-archive/archive.js";
export { createAgent, startAgent } from "./agent/agent.js";
export type { Agent, AgentOptions } from "./agent/agent.js";
export { CollectingOutputChannel } from "./channels/collecting-output.js";
export { silentLogger } from "./ports/index.js";
export type * from "./ports/index.js";
export { CONFAB_VERSION, RASA_VERSION } from "./version.js";
