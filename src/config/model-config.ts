/**
 * @module config/model-config
 * `config.yml` → `ModelConfig` (`rasa-protocol.md` §8). Empty `pipeline:` / `policies:` sections are replaced by
 * Rasa's default configuration (`default_config.yml`, §8.1), as `rasa train` does.
 */
import { RASA_DEFAULT_PIPELINE, RASA_DEFAULT_POLICIES } from "../model/config.js";
import type { ComponentConfig, ModelConfig } from "../model/config.js";
import { readYamlFile, warnUnknownKeys } from "./yaml-source.js";
import type { Cursor } from "./yaml-source.js";

export const DEFAULT_RECIPE = "default.v1";
export const DEFAULT_LANGUAGE = "en";

/** Rasa 3.x default pipeline (§8.1), as a fresh copy the caller may change. */
export function defaultPipeline(): ComponentConfig[] {
  return RASA_DEFAULT_PIPELINE.map((c) => ({ ...c }));
}

/** Rasa 3.x default policies (§8.1), as a fresh copy the caller may change. */
export function defaultPolicies(): ComponentConfig[] {
  return RASA_DEFAULT_POLICIES.map((c) => ({ ...c }));
}

const KNOWN_KEYS = ["recipe", "language", "assistant_id", "pipeline", "policies", "importers", "version"];

export interface LoadedModelConfig {
  config: ModelConfig;
  warnings: string[];
}

/** Loads `config.yml`. A YAML or shape problem throws `ConfigError`; unknown keys only warn. */
export function loadModelConfig(file: string): LoadedModelConfig {
  const root = readYamlFile(file).root().expectMap("config.yml", true);
  return modelConfigFromCursor(root);
}

export function modelConfigFromCursor(root: Cursor): LoadedModelConfig {
  const warnings: string[] = [];
  warnUnknownKeys(root, KNOWN_KEYS, "config", warnings);

  const recipeNode = root.get("recipe");
  const recipe = recipeNode && !recipeNode.isNull() ? recipeNode.str("recipe") : DEFAULT_RECIPE;
  if (recipe !== DEFAULT_RECIPE) {
    throw (recipeNode ?? root).error(`unsupported recipe '${recipe}' (only '${DEFAULT_RECIPE}' is supported)`);
  }

  const langNode = root.get("language");
  const language = langNode && !langNode.isNull() ? langNode.text("language") : DEFAULT_LANGUAGE;

  const idNode = root.get("assistant_id");
  let assistantId: string | null = null;
  if (idNode && !idNode.isNull()) assistantId = idNode.text("assistant_id");
  else warnings.push(root.warning("config has no 'assistant_id'; events will carry no assistant id"));

  const pipeline = components(root.get("pipeline"), "pipeline");
  const policies = components(root.get("policies"), "policies");

  return {
    config: {
      recipe,
      language,
      assistant_id: assistantId,
      pipeline: pipeline.length > 0 ? pipeline : defaultPipeline(),
      policies: policies.length > 0 ? policies : defaultPolicies(),
      defaultPipeline: pipeline.length === 0,
      defaultPolicies: policies.length === 0,
    },
    warnings,
  };
}

/** The default configuration, for a project without `config.yml`. */
export function defaultModelConfig(): ModelConfig {
  return {
    recipe: DEFAULT_RECIPE,
    language: DEFAULT_LANGUAGE,
    assistant_id: null,
    pipeline: defaultPipeline(),
    policies: defaultPolicies(),
    defaultPipeline: true,
    defaultPolicies: true,
  };
}

function components(section: Cursor | undefined, what: string): ComponentConfig[] {
  if (!section || section.isNull()) return [];
  section.expectSeq(what);
  return section.items().map((item) => {
    item.expectMap(`each ${what} entry`);
    const name = item.get("name");
    if (!name || name.isNull()) throw item.error(`${what} entry has no 'name'`);
    const value = item.js() as Record<string, unknown>;
    return { ...value, name: name.str(`${what} component name`) };
  });
}
