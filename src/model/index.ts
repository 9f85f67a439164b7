/** @module model - the pure data model: no I/O, no framework, imports nothing else in src/. */
export type * from "./events.js";
export type * from "./messages.js";
export type * from "./config.js";
export type * from "./training.js";
export * from "./domain.js";
export * from "./tracker.js";
