/**
 * @module cli/train
 * `confab train [nlu|core]`: writes `models/<timestamp>.tar.gz`. Unchanged parts of the previous
 * model are reused unless `--force` is given.
 */
import path from "node:path";
import type { Command } from "commander";
import { loadProject } from "../config/index.js";
import { latestModelFile, loadModel } from "../model-archive/archive.js";
import { projectOverrides, trainAndSave } from "./project-model.js";

interface TrainOptions {
  config?: string;
  domain?: string;
  data?: string[];
  out?: string;
  fixedModelName?: string;
  force?: boolean;
  project: string;
}

export function registerTrainCommand(program: Command, print: (line: string) => void): void {
  const train = (only: "nlu" | "core" | undefined) => (options: TrainOptions) => {
    const root = path.resolve(options.project);
    const project = loadProject(root, projectOverrides(options));
    for (const w of project.warnings) print(`warning: ${w}`);
    const outDir = options.out ? path.resolve(options.out) : path.join(root, "models");
    const latest = latestModelFile(outDir);
    const previous = latest && !options.force ? loadModel(latest) : null;
    const fixedName = options.fixedModelName ? `${options.fixedModelName.replace(/\.tar\.gz$/, "")}.tar.gz` : undefined;
    trainAndSave(project, outDir, previous, print, { force: options.force, only, fixedName });
  };
  const withOptions = (cmd: Command) =>
    cmd
      .option("-c, --config <file>", "model configuration file (default: config.yml in the project)")
      .option("-d, --domain <path>", "domain file or folder (default: domain.yml or domain/ in the project)")
      .option("--data <paths...>", "training data files or folders (default: data/ in the project)")
      .option("--out <dir>", "where to save the model (default: models/ in the project)")
      .option("--fixed-model-name <name>", "file name of the model instead of a timestamp")
      .option("--force", "retrain every part even if nothing changed")
      .option("--project <dir>", "project folder (Confab extension)", ".");
  const cmd = withOptions(program.command("train").description("Train NLU and dialogue models from the project"));
  cmd.action(train(undefined));
  withOptions(cmd.command("nlu").description("Train only the NLU model")).action(train("nlu"));
  withOptions(cmd.command("core").description("Train only the dialogue model")).action(train("core"));
}
