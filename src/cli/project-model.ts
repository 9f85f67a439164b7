/**
 * @module cli/project-model
 * Finds the model to serve: the latest archive under `models/` when it matches the project,
 * otherwise trains one first (Rasa's "train if needed" on `rasa run`).
 */
import path from "node:path";
import { loadProject } from "../config/index.js";
import type { Project, ProjectOverrides } from "../config/index.js";
import { latestModelFile, loadModel, saveModel } from "../model-archive/archive.js";
import type { TrainedModel } from "../model-archive/archive.js";
import { isUpToDate, trainModel } from "../training/train.js";
import { createProgress } from "./progress.js";

export interface ModelChoice {
  model: TrainedModel;
  project: Project | null;
  trainedNow: boolean;
}

export interface EnsureModelOptions {
  root: string;
  /** `-m/--model`: a model file or a folder of models (default `<root>/models`). */
  model?: string;
  overrides?: ProjectOverrides;
  print: (line: string) => void;
}

/**
 * Paths given on the command line are relative to the current folder (as in Rasa); what is not given
 * is looked up in the project folder by `loadProject`.
 */
export function projectOverrides(options: {
  config?: string;
  domain?: string;
  data?: string[];
  endpoints?: string;
  credentials?: string;
}): ProjectOverrides {
  const abs = (p: string | undefined) => (p === undefined ? undefined : path.resolve(p));
  return {
    config: abs(options.config),
    domain: abs(options.domain),
    data: options.data?.map((p) => path.resolve(p)),
    endpoints: abs(options.endpoints),
    credentials: abs(options.credentials),
  };
}

export function hasProjectFiles(project: Project): boolean {
  return project.training.nlu.examples.length > 0 || project.domain.intents.length > 0;
}

export function trainAndSave(
  project: Project,
  outDir: string,
  previous: TrainedModel | null,
  print: (l: string) => void,
  options: { force?: boolean; only?: "nlu" | "core"; fixedName?: string } = {},
): TrainedModel {
  const progress = createProgress();
  const started = Date.now();
  const result = trainModel(project, {
    previous,
    force: options.force,
    only: options.only,
    warn: (w) => print(`warning: ${w}`),
    onProgress: progress.onProgress,
  });
  progress.stop();
  const file = saveModel(result.model, outDir, options.fixedName);
  const parts = Object.entries(result.trained)
    .map(([part, trained]) => `${part} ${trained ? "trained" : "reused"}`)
    .join(", ");
  print(`Trained model in ${((Date.now() - started) / 1000).toFixed(2)} s (${parts}): ${file}`);
  return result.model;
}

export function ensureModel(options: EnsureModelOptions): ModelChoice {
  const modelPath = path.resolve(options.root, options.model ?? "models");
  const latest = latestModelFile(modelPath);
  const project = loadProject(options.root, options.overrides ?? {});
  for (const w of project.warnings) options.print(`warning: ${w}`);
  const existing = latest ? loadModel(latest) : null;
  if (existing && (!hasProjectFiles(project) || isUpToDate(existing, project))) {
    return { model: existing, project, trainedNow: false };
  }
  if (!hasProjectFiles(project))
    throw new Error(`No model found in ${modelPath} and no project to train in ${options.root}`);
  options.print(
    existing ? "Project changed since the last training; training a new model." : "No model found; training one.",
  );
  const outDir = latest && latest === modelPath ? path.dirname(modelPath) : modelPath;
  const model = trainAndSave(project, outDir, existing, options.print);
  return { model, project, trainedNow: true };
}
