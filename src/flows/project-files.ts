/**
 * @module flows/project-files
 * Finding a flow project's files. Two layouts are accepted:
 *   - Confab's: `process.json|yml` + `kb.json|yml` + `callbacks.{js,mjs,ts}` (+ optional `flow.yml`) in the folder;
 *   - MCC's backend: `config/my_process.json` + `config/my_kb.json` + `config/my_callbacks.{js,mjs,ts}`.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export interface FlowProjectFiles {
  dir: string;
  /** Folder holding the process (the callbacks module, flow.yml and web/ are looked up here first). */
  home: string;
  process: string;
  kb: string;
  callbacks: string | undefined;
  flowConfig: string | undefined;
  webDir: string | undefined;
}

// Compiled JS first: the CLI runs from dist/ with plain Node, where .ts needs a loader.
const CALLBACK_EXTS = [".js", ".mjs", ".ts", ".mts"];

function first(candidates: string[]): string | undefined {
  return candidates.find((f) => existsSync(f));
}

function inFolder(home: string, bases: string[], exts: string[]): string | undefined {
  return first(bases.flatMap((b) => exts.map((e) => path.join(home, `${b}${e}`))));
}

export function findFlowProjectFiles(dir: string): FlowProjectFiles | undefined {
  const root = path.resolve(dir);
  const layouts = [
    { home: root, process: ["process"], kb: ["kb"], callbacks: ["callbacks"] },
    {
      home: path.join(root, "config"),
      process: ["my_process"],
      kb: ["my_kb"],
      callbacks: ["my_callbacks", "callbacks"],
    },
  ];
  for (const l of layouts) {
    const process = inFolder(l.home, l.process, [".json", ".yml", ".yaml"]);
    const kb = inFolder(l.home, l.kb, [".json", ".yml", ".yaml"]);
    if (!process || !kb) continue;
    const web = [path.join(l.home, "web"), path.join(root, "web")].find((d) => existsSync(path.join(d, "index.html")));
    return {
      dir: root,
      home: l.home,
      process,
      kb,
      callbacks: inFolder(l.home, l.callbacks, CALLBACK_EXTS),
      flowConfig: first([path.join(l.home, "flow.yml"), path.join(l.home, "flow.yaml"), path.join(root, "flow.yml")]),
      webDir: web,
    };
  }
  return undefined;
}

export function isFlowProject(dir: string): boolean {
  return findFlowProjectFiles(dir) !== undefined;
}
