export * from "./types.js";
export { parseProcess, parseKb, processToJson } from "./parse.js";
export { checkGraph } from "./graph-checks.js";
export { loadProcessFile, loadKbFile, readStructuredFile } from "./load.js";
export { checkCallbacks } from "./callbacks-check.js";
