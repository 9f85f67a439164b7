/**
 * @module config/files
 * File-system helpers shared by the loaders: recursive listing in a stable order.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export function isYamlPath(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function exists(p: string): boolean {
  return existsSync(p);
}

/** Every file below `dir` (recursively, hidden entries skipped), sorted by path for reproducible loading. */
export function listFiles(dir: string, accept: (file: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (accept(full)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Expands files and directories into the files they contain that pass `accept`. */
export function expandPaths(paths: readonly string[], accept: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (isDirectory(p)) out.push(...listFiles(p, accept));
    else out.push(p);
  }
  return [...new Set(out)];
}
