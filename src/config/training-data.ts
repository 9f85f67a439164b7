/**
 * @module config/training-data
 * Training-data files → `TrainingData`. Each YAML file is read by its top-level keys (`nlu`, `stories`, `rules`,
 * `responses` — retrieval-intent responses live in data files), as Rasa's `RasaYAMLReader`/`YAMLStoryReader` do;
 * `.json` files in the `rasa_nlu_data` format are read too. Older `version` values ("2.0", "3.0") are accepted.
 */
import { readFileSync } from "node:fs";
import type { ResponseVariation } from "../model/domain.js";
import { emptyNluData } from "../model/training.js";
import type { TrainingData } from "../model/training.js";
import { DOMAIN_KEYS } from "./domain-parts.js";
import { ConfigError, messageOf } from "./errors.js";
import { isRasaNluJson, readNluJson } from "./nlu-json.js";
import { readNluSection } from "./nlu-reader.js";
import { parseResponses } from "./responses.js";
import { readRules, readStories } from "./story-reader.js";
import { readYamlFile } from "./yaml-source.js";
import type { Cursor } from "./yaml-source.js";

export interface LoadedTrainingData {
  data: TrainingData;
  /** Responses found in data files (typically `utter_<retrieval_intent>/<key>`). */
  responses: Record<string, ResponseVariation[]>;
  warnings: string[];
}

const DATA_KEYS = ["version", "nlu", "stories", "rules", "responses"];

export function emptyTrainingData(): TrainingData {
  return { nlu: emptyNluData(), stories: [], rules: [] };
}

export function loadTrainingData(files: readonly string[]): LoadedTrainingData {
  const out: LoadedTrainingData = { data: emptyTrainingData(), responses: {}, warnings: [] };
  for (const file of files) readTrainingFile(file, out);
  return out;
}

/** Adds one file's content to `into`. Files that are not training data are skipped with a warning. */
export function readTrainingFile(file: string, into: LoadedTrainingData): void {
  if (/\.json$/i.test(file)) return readJsonFile(file, into);
  const root = readYamlFile(file).root();
  if (root.isNull()) return;
  root.expectMap("a training data file");
  checkVersion(root, into.warnings);
  for (const e of root.entries()) {
    if (!DATA_KEYS.includes(e.key) && !DOMAIN_KEYS.includes(e.key)) {
      into.warnings.push(
        `${root.file}:${e.keyPos.line}:${e.keyPos.col}: unknown key '${e.key}' in training data is ignored (key: ${e.key})`,
      );
    }
  }
  const nlu = root.get("nlu");
  if (nlu) readNluSection(nlu, into.data.nlu, into.warnings);
  const stories = root.get("stories");
  if (stories) into.data.stories.push(...readStories(stories, into.warnings));
  const rules = root.get("rules");
  if (rules) into.data.rules.push(...readRules(rules, into.warnings));
  const responses = root.get("responses");
  if (responses) mergeResponses(into.responses, parseResponses(responses, into.warnings), responses);
}

function mergeResponses(
  target: Record<string, ResponseVariation[]>,
  extra: Record<string, ResponseVariation[]>,
  at: Cursor,
): void {
  for (const [name, variations] of Object.entries(extra)) {
    const prev = target[name];
    if (prev && JSON.stringify(prev) !== JSON.stringify(variations)) {
      throw (at.get(name) ?? at).error(`response '${name}' is defined differently in several data files`);
    }
    target[name] = variations;
  }
}

function checkVersion(root: Cursor, warnings: string[]): void {
  const v = root.get("version");
  if (!v || v.isNull()) return;
  const raw = v.js();
  if (typeof raw !== "string") {
    warnings.push(v.warning(`version should be a quoted string like "3.1"`));
    return;
  }
  if (!/^\d+\.\d+$/.test(raw)) throw v.error(`invalid training data format version '${raw}'`);
  const [major, minor] = raw.split(".").map(Number) as [number, number];
  if (major > 3 || (major === 3 && minor > 1)) {
    warnings.push(v.warning(`format version ${raw} is newer than the supported 3.1; reading it anyway`));
  }
}

function readJsonFile(file: string, into: LoadedTrainingData): void {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ConfigError(file, 0, 0, `cannot read JSON training data: ${messageOf(e)}`);
  }
  if (!isRasaNluJson(doc)) {
    into.warnings.push(`${file}: JSON file without 'rasa_nlu_data' is not training data; it is ignored`);
    return;
  }
  readNluJson(file, doc, into.data.nlu, into.warnings);
}
