/** @module model - the pure data model: no I/O, no framework, imports nothing else in src/. */
export type * from "./events.js";
export type * from "./messages.js";
export type * from "./config.js";
export { RASA_DEFAULT_PIPELINE, RASA_DEFAULT_POLICIES } from "./config.js";
export type * from "./training.js";
export * from "./domain.js";
export * from "./tracker-state.js";
export * from "./applied-events.js";
export * from "./timeline.js";
export * from "./tracker.js";
export * from "./event-schemas.js";
export * from "./event-codec.js";
export * from "./tracker-json.js";
export * from "./copy-json.js";
export * from "./hex-id.js";
