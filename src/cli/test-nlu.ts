/**
 * @module cli/test-nlu
 * `confab test nlu [--nlu FILE] [--cross-validation --folds N] [--out DIR] [-m MODEL]`: Rasa's `rasa test nlu`.
 * Uses the latest model in `models/` (or `--model`), training the NLU on the fly when there is none.
 */
import path from "node:path";
import type { Command } from "commander";
import { loadProject } from "../config/index.js";
import { runNluTest } from "../evaluation/nlu/index.js";
import { latestModelFile, loadModel } from "../model-archive/archive.js";
import { projectOverrides } from "./project-model.js";

interface TestNluOptions {
  nlu?: string;
  model?: string;
  out: string;
  crossValidation?: boolean;
  folds: string;
  config?: string;
  domain?: string;
  project: string;
}

export function registerTestNluCommand(testCommand: Command, print: (line: string) => void): void {
  testCommand
    .command("nlu")
    .description("Evaluate the NLU model on test data (like `rasa test nlu`)")
    .option("-u, --nlu <file>", "NLU test data file (default: the project's NLU data)")
    .option("-m, --model <path>", "model file or folder (default: the latest model in models/)")
    .option("--out <dir>", "where to write the reports", "results")
    .option("--cross-validation", "train and test on folds of the NLU data instead of using a model")
    .option("-f, --folds <n>", "number of cross-validation folds", "5")
    .option("-c, --config <file>", "model configuration file (default: config.yml in the project)")
    .option("-d, --domain <path>", "domain file or folder (default: domain.yml or domain/ in the project)")
    .option("--project <dir>", "project folder (Confab extension)", ".")
    .action((options: TestNluOptions) => {
      const root = path.resolve(options.project);
      const project = loadProject(root, projectOverrides(options));
      for (const w of project.warnings) print(`warning: ${w}`);
      const folds = Number(options.folds);
      if (options.crossValidation && (!Number.isInteger(folds) || folds < 2)) {
        throw new Error(`--folds must be an integer of at least 2, got '${options.folds}'`);
      }
      let model = null;
      if (!options.crossValidation) {
        const file = latestModelFile(path.resolve(root, options.model ?? "models"));
        model = file ? loadModel(file).nlu : null;
        print(file ? `Using model ${file}` : "No trained model found: training the NLU model for this evaluation.");
      }
      runNluTest({
        project,
        model,
        nluFile: options.nlu ? path.resolve(options.nlu) : undefined,
        crossValidation: options.crossValidation === true,
        folds,
        outDir: path.resolve(root, options.out),
        print,
      });
    });
}
