/**
 * @module model/config
 * `config.yml` (`rasa-protocol.md` §8) after loading: a pipeline and a policy list of named components.
 */

export interface ComponentConfig {
  name: string;
  [option: string]: unknown;
}

export interface ModelConfig {
  recipe: string;
  language: string;
  assistant_id: string | null;
  pipeline: ComponentConfig[];
  policies: ComponentConfig[];
  /** True when `pipeline:` was empty and Rasa's default pipeline was substituted. */
  defaultPipeline: boolean;
  defaultPolicies: boolean;
}
