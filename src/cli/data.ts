/**
 * @module cli/data
 * `confab data validate`: loads the project and reports inconsistencies between domain and
 * training data (Rasa's `rasa data validate`). Exit code 1 when errors are found.
 */
import path from "node:path";
import type { Command } from "commander";
import { loadProject, validateProject } from "../config/index.js";
import { projectOverrides } from "./project-model.js";

interface ValidateOptions {
  config?: string;
  domain?: string;
  data?: string[];
  project: string;
  failOnWarnings?: boolean;
}

export function validateCommand(options: ValidateOptions, print: (line: string) => void): number {
  const root = path.resolve(options.project);
  const project = loadProject(root, projectOverrides(options));
  const report = validateProject(project);
  const warnings = [...project.warnings, ...report.warnings];
  for (const w of warnings) print(`warning: ${w}`);
  for (const e of report.errors) print(`error: ${e}`);
  const failed = report.errors.length > 0 || (options.failOnWarnings === true && warnings.length > 0);
  print(
    failed
      ? `Validation failed: ${report.errors.length} error(s), ${warnings.length} warning(s).`
      : `Project is valid (${warnings.length} warning(s)).`,
  );
  return failed ? 1 : 0;
}

export function registerDataCommand(program: Command, print: (line: string) => void): void {
  const data = program.command("data").description("Work with training data");
  data
    .command("validate")
    .description("Check domain, NLU data, stories and rules for mistakes and inconsistencies")
    .option("-c, --config <file>", "model configuration file (default: config.yml in the project)")
    .option("-d, --domain <path>", "domain file or folder (default: domain.yml or domain/ in the project)")
    .option("--data <paths...>", "training data files or folders (default: data/ in the project)")
    .option("--fail-on-warnings", "exit with an error on warnings too")
    .option("--project <dir>", "project folder (Confab extension)", ".")
    .action((options: ValidateOptions) => {
      process.exitCode = validateCommand(options, print);
    });
}
