/** @module actions/responses - domain responses: variation selection, interpolation, bot events, collected messages. */
export * from "./python-values.js";
export * from "./interpolate.js";
export * from "./select.js";
export * from "./render.js";
export * from "./collect.js";
