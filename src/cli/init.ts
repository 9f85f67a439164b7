/**
 * @module cli/init
 * `confab init [DIR]`: scaffolds a starter project (Confab's own help-desk bot, with tests).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";

/** `templates/init` of the package; this file sits two levels below the package root in src/ and dist/. */
export const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/init", import.meta.url));

function copyTree(from: string, to: string): string[] {
  const written: string[] = [];
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    // npm drops `.gitignore` from published packages, so the template ships it as `gitignore`.
    const target = path.join(to, entry.name === "gitignore" ? ".gitignore" : entry.name);
    if (entry.isDirectory()) written.push(...copyTree(source, target));
    else {
      fs.copyFileSync(source, target);
      written.push(target);
    }
  }
  return written;
}

export function initProject(dir: string, options: { force?: boolean } = {}): string[] {
  const target = path.resolve(dir);
  const clash = ["config.yml", "domain.yml", "data"].find((f) => fs.existsSync(path.join(target, f)));
  if (clash && !options.force) {
    throw new Error(`${path.join(target, clash)} already exists; use --force to overwrite the project files`);
  }
  return copyTree(TEMPLATE_DIR, target);
}

export function registerInitCommand(program: Command, print: (line: string) => void): void {
  program
    .command("init [dir]")
    .description("Create a new starter project (with NLU data, stories, rules and tests)")
    .option("--force", "overwrite existing project files")
    .option("--no-prompt", "accepted for Rasa compatibility; Confab never prompts")
    .action((dir: string | undefined, options: { force?: boolean }) => {
      const target = dir ?? ".";
      const files = initProject(target, options);
      print(`Created a new Confab project in ${path.resolve(target)} (${files.length} files).`);
      print(`Next: cd ${target} && confab train && confab shell`);
    });
}
