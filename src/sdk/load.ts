/**
 * @module sdk/load
 * Finds the actions in a folder (like `rasa run actions --actions actions`): every `.ts`, `.js` or
 * `.mjs` module below it is imported, and every exported action (also inside exported arrays, and
 * the default export) is collected. TypeScript files need `tsx`, which is registered on demand.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isActionDefinition } from "./action.js";
import type { ActionDefinition } from "./action.js";

const MODULE = /\.(ts|mts|js|mjs)$/;
const SKIP = /(\.test\.|\.spec\.|\.d\.ts$)/;

function moduleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...moduleFiles(full));
    else if (MODULE.test(entry.name) && !SKIP.test(entry.name)) out.push(full);
  }
  return out;
}

let tsxRegistered = false;

/** Lets plain Node import `.ts` files (already possible under tsx or vitest). */
async function ensureTypeScript(): Promise<void> {
  if (tsxRegistered || process.execArgv.some((a) => a.includes("tsx")) || process.env.VITEST) return;
  try {
    const api = (await import("tsx/esm/api")) as { register: () => unknown };
    api.register();
    tsxRegistered = true;
  } catch {
    throw new Error("Loading TypeScript actions needs the 'tsx' package (npm install tsx), or compile them to .js");
  }
}

function collect(value: unknown, into: ActionDefinition[]): void {
  if (isActionDefinition(value)) into.push(value);
  else if (Array.isArray(value)) for (const v of value) collect(v, into);
}

export async function loadActions(dir: string): Promise<ActionDefinition[]> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`Actions folder '${dir}' not found`);
  const files = moduleFiles(path.resolve(dir));
  if (files.some((f) => /\.m?ts$/.test(f))) await ensureTypeScript();
  const found: ActionDefinition[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const before = found.length;
    for (const value of Object.values(mod)) collect(value, found);
    // `export default x` plus `export { x }` must not register x twice.
    const unique = [...new Set(found.slice(before))];
    found.splice(before, found.length - before, ...unique);
  }
  return found;
}
