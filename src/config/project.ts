/**
 * @module config/project
 * A Rasa 3.x project folder → `Project`: config, domain (with data-file responses, retrieval intents and e2e bot
 * texts merged in, as Rasa's `TrainingDataImporter` does), training data, test stories, endpoints, credentials.
 * Layout defaults follow `rasa train`/`rasa run`: `config.yml`, `domain.yml` or `domain/`, `data/`, `tests/`,
 * `endpoints.yml`, `credentials.yml`.
 */
import path from "node:path";
import type { ModelConfig } from "../model/config.js";
import type { Domain } from "../model/domain.js";
import type { Story, TrainingData } from "../model/training.js";
import { loadDomain } from "./domain-loader.js";
import { loadCredentials, loadEndpoints } from "./endpoints.js";
import type { Credentials, Endpoints } from "./endpoints.js";
import type { Env } from "./env.js";
import { ConfigError } from "./errors.js";
import { exists, expandPaths, isDirectory } from "./files.js";
import { defaultModelConfig, loadModelConfig } from "./model-config.js";
import { emptyTrainingData, readTrainingFile } from "./training-data.js";
import type { LoadedTrainingData } from "./training-data.js";

export interface ProjectOverrides {
  domain?: string;
  config?: string;
  data?: string | string[];
  tests?: string | string[];
  endpoints?: string;
  credentials?: string;
  /** Environment for `${VAR}` in endpoints/credentials (default `process.env`). */
  env?: Env;
}

/** Which files fed which part of the project (for fingerprints and messages). */
export interface ProjectSources {
  config: string | null;
  domain: string[];
  /** Data files that contributed NLU examples, synonyms, regexes, lookups or responses. */
  nlu: string[];
  /** Data files that contributed stories or rules. */
  core: string[];
  tests: string[];
  endpoints: string | null;
  credentials: string | null;
}

export interface Project {
  root: string;
  config: ModelConfig;
  domain: Domain;
  training: TrainingData;
  testStories: Story[];
  endpoints: Endpoints;
  credentials: Credentials;
  warnings: string[];
  /** Every file read, in reading order. */
  files: string[];
  sources: ProjectSources;
}

const DATA_FILE = /\.(ya?ml|json)$/i;
const TEST_FILE = /(^|[\\/])test_[^\\/]*\.ya?ml$/i;

function list(v: string | string[] | undefined): string[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

export function loadProject(root: string, overrides: ProjectOverrides = {}): Project {
  const warnings: string[] = [];
  const files: string[] = [];
  const sources: ProjectSources = {
    config: null,
    domain: [],
    nlu: [],
    core: [],
    tests: [],
    endpoints: null,
    credentials: null,
  };

  const configFile = overrides.config ?? path.join(root, "config.yml");
  let config: ModelConfig;
  if (exists(configFile)) {
    const loaded = loadModelConfig(configFile);
    config = loaded.config;
    warnings.push(...loaded.warnings);
    sources.config = configFile;
    files.push(configFile);
  } else {
    if (overrides.config) throw new ConfigError(configFile, 0, 0, "config file not found");
    warnings.push(`${configFile}: not found; using Rasa's default configuration`);
    config = defaultModelConfig();
  }

  const domainPath = overrides.domain ?? findDomain(root);
  const loadedDomain = loadDomain(domainPath);
  warnings.push(...loadedDomain.warnings);
  sources.domain = loadedDomain.files;
  files.push(...loadedDomain.files);

  const dataPaths = list(overrides.data) ?? [path.join(root, "data")];
  const dataFiles = expandPaths(
    dataPaths.filter((p) => exists(p) || overrides.data !== undefined),
    (f) => DATA_FILE.test(f) && !TEST_FILE.test(f),
  );
  if (dataFiles.length === 0) warnings.push(`${dataPaths.join(", ")}: no training data found`);
  const data: LoadedTrainingData = { data: emptyTrainingData(), responses: {}, warnings };
  for (const file of dataFiles) {
    const before = counts(data);
    readTrainingFile(file, data);
    const after = counts(data);
    if (after.nlu !== before.nlu) sources.nlu.push(file);
    if (after.core !== before.core) sources.core.push(file);
    files.push(file);
  }

  const testPaths = list(overrides.tests) ?? [path.join(root, "tests")];
  const testFiles = expandPaths([...testPaths.filter((p) => exists(p)), ...dataPaths.filter(isDirectory)], (f) =>
    TEST_FILE.test(f),
  );
  const tests: LoadedTrainingData = { data: emptyTrainingData(), responses: {}, warnings };
  for (const file of testFiles) {
    readTrainingFile(file, tests);
    files.push(file);
  }
  sources.tests = testFiles;

  const endpointsFile = overrides.endpoints ?? path.join(root, "endpoints.yml");
  const endpoints = loadEndpoints(endpointsFile, overrides.env);
  warnings.push(...endpoints.warnings);
  if (exists(endpointsFile)) {
    sources.endpoints = endpointsFile;
    files.push(endpointsFile);
  }
  const credentialsFile = overrides.credentials ?? path.join(root, "credentials.yml");
  const credentials = loadCredentials(credentialsFile, overrides.env);
  warnings.push(...credentials.warnings);
  if (exists(credentialsFile)) {
    sources.credentials = credentialsFile;
    files.push(credentialsFile);
  }

  return {
    root,
    config,
    domain: enrichDomain(loadedDomain.domain, data),
    training: data.data,
    testStories: tests.data.stories,
    endpoints: endpoints.endpoints,
    credentials: credentials.credentials,
    warnings,
    files,
    sources,
  };
}

function findDomain(root: string): string {
  for (const candidate of ["domain.yml", "domain.yaml", "domain"]) {
    const p = path.join(root, candidate);
    if (exists(p)) return p;
  }
  throw new ConfigError(root, 0, 0, "no domain.yml, domain.yaml or domain/ folder found");
}

function counts(d: LoadedTrainingData): { nlu: number; core: number } {
  const n = d.data.nlu;
  const nlu =
    n.examples.length +
    Object.keys(n.synonyms).length +
    n.regexes.length +
    n.lookups.length +
    Object.keys(d.responses).length;
  return { nlu, core: d.data.stories.length + d.data.rules.length };
}

/** Adds what Rasa's importer derives from training data to the domain. */
function enrichDomain(domain: Domain, data: LoadedTrainingData): Domain {
  const responses = { ...domain.responses };
  for (const [name, variations] of Object.entries(data.responses)) {
    const prev = responses[name];
    if (prev && JSON.stringify(prev) !== JSON.stringify(variations)) {
      throw new ConfigError(
        "responses",
        0,
        0,
        `response '${name}' is defined differently in the domain and in data files`,
      );
    }
    responses[name] = variations;
  }
  const intents = domain.intents.map((i) => ({ ...i }));
  for (const ex of data.data.nlu.examples) {
    const slash = ex.intent.indexOf("/");
    if (slash <= 0) continue;
    const base = ex.intent.slice(0, slash);
    const known = intents.find((i) => i.name === base);
    // Rasa adds retrieval intents found in NLU data to the domain, marked as such.
    if (known) known.is_retrieval_intent = true;
    else intents.push({ name: base, use_entities: true, ignore_entities: [], is_retrieval_intent: true });
  }
  const e2e = [...domain.e2e_actions];
  const collect = (stories: Story[]): void => {
    for (const s of stories) {
      for (const step of s.steps) if (step.kind === "bot" && !e2e.includes(step.text)) e2e.push(step.text);
    }
  };
  collect(data.data.stories);
  collect(data.data.rules);
  return { ...domain, intents, responses, e2e_actions: e2e };
}
