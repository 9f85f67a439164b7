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

/** Rasa 3.x's default pipeline (`default_config.yml`), used when `pipeline:` is empty. */
export const RASA_DEFAULT_PIPELINE: readonly ComponentConfig[] = [
  { name: "WhitespaceTokenizer" },
  { name: "RegexFeaturizer" },
  { name: "LexicalSyntacticFeaturizer" },
  { name: "CountVectorsFeaturizer" },
  { name: "CountVectorsFeaturizer", analyzer: "char_wb", min_ngram: 1, max_ngram: 4 },
  { name: "DIETClassifier", epochs: 100, constrain_similarities: true },
  { name: "EntitySynonymMapper" },
  { name: "ResponseSelector", epochs: 100, constrain_similarities: true },
  { name: "FallbackClassifier", threshold: 0.3, ambiguity_threshold: 0.1 },
];

/** Rasa 3.x's default policies, used when `policies:` is empty. */
export const RASA_DEFAULT_POLICIES: readonly ComponentConfig[] = [
  { name: "MemoizationPolicy" },
  { name: "RulePolicy" },
  { name: "UnexpecTEDIntentPolicy", max_history: 5, epochs: 100 },
  { name: "TEDPolicy", max_history: 5, epochs: 100, constrain_similarities: true },
];
