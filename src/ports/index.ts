/** @module ports - interfaces only; adapters live in stores/ and channels/. */
export type * from "./tracker-store.js";
export type * from "./lock-store.js";
export type * from "./output-channel.js";
export type * from "./logger.js";
export type * from "./nlg.js";
export { silentLogger } from "./logger.js";
export type * from "./reminder-scheduler.js";
