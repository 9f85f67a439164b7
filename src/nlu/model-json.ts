/**
 * @module nlu/model-json
 * The serialised NLU model (stored in the model archive) and its validation on load.
 */
import { z } from "zod";

const ngram = z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }).nullable();
const patternOptions = z
  .object({ caseSensitive: z.boolean(), useRegexes: z.boolean(), useLookups: z.boolean(), wordBoundaries: z.boolean() })
  .nullable();
const patternSpec = z.object({ name: z.string(), source: z.string(), flags: z.string() });

export const NLU_FORMAT = "confab-nlu";
export const NLU_FORMAT_VERSION = 1;

export const nluModelJsonSchema = z.object({
  format: z.literal(NLU_FORMAT),
  version: z.literal(NLU_FORMAT_VERSION),
  language: z.string(),
  intents: z.array(z.string()),
  plan: z.object({
    featurizer: z.object({ word: ngram, charWb: ngram, regex: z.boolean() }),
    regexFeatures: patternOptions,
    intentClassifier: z.enum(["logistic", "keyword"]).nullable(),
    keywordCaseSensitive: z.boolean(),
    rankingLength: z.number().int().min(0),
    regexEntities: patternOptions,
    memorisedEntities: z.boolean(),
    synonyms: z.boolean(),
    fallback: z.object({ threshold: z.number(), ambiguityThreshold: z.number() }).nullable(),
  }),
  featurePatterns: z.array(patternSpec),
  entityPatterns: z.array(patternSpec),
  classifier: z
    .object({
      labels: z.array(z.string()),
      featureIds: z.string(),
      weightIndex: z.string(),
      weightValues: z.string(),
      bias: z.string(),
    })
    .nullable(),
  keywords: z.array(z.object({ keyword: z.string(), intent: z.string() })),
  memorised: z.array(
    z.object({
      key: z.string(),
      entity: z.string(),
      role: z.string().optional(),
      group: z.string().optional(),
      confidence: z.number(),
    }),
  ),
  synonyms: z.record(z.string(), z.string()),
});

export type NluModelJson = z.infer<typeof nluModelJsonSchema>;
