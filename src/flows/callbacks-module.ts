/**
 * @module flows/callbacks-module
 * Loads the callbacks module: `export default { activityId: fn }`, `export const callbacks = {...}`,
 * or one named export per activity. `.ts` modules are imported directly when the runtime can (vitest,
 * tsx, Node with type stripping) and otherwise through tsx's loader if it is installed.
 */
import { pathToFileURL } from "node:url";
import type { FlowCallbacks } from "./engine/types.js";
import { FlowDefinitionError } from "./definition/types.js";

function pickCallbacks(mod: Record<string, unknown>): Record<string, unknown> {
  for (const key of ["callbacks", "default"]) {
    const v = mod[key];
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  }
  return Object.fromEntries(Object.entries(mod).filter(([, v]) => typeof v === "function"));
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (!/\.m?ts$/.test(file) || (code !== "ERR_UNKNOWN_FILE_EXTENSION" && code !== "ERR_UNSUPPORTED_ESM_URL_SCHEME"))
      throw err;
    let api: { tsImport(specifier: string, parent: string): Promise<unknown> };
    try {
      api = await import("tsx/esm/api");
    } catch {
      throw new FlowDefinitionError(
        [{ message: "this Node cannot import TypeScript: compile callbacks.ts to callbacks.js (tsc) or install tsx" }],
        file,
      );
    }
    return (await api.tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
}

export async function loadCallbacksModule(
  file: string,
): Promise<{ callbacks: FlowCallbacks; module: Record<string, unknown> }> {
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (err) {
    if (err instanceof FlowDefinitionError) throw err;
    throw new FlowDefinitionError([{ message: `cannot load callbacks module: ${(err as Error).message}` }], file);
  }
  return { callbacks: pickCallbacks(mod) as FlowCallbacks, module: mod };
}
