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
/**
 * Bumped whenever features or weights mean something else, so an older model is never parsed with the wrong
 * features: 2 added the entity tagger, Duckling, the response selector; 3 changed the intent features (number
 * digits, function words, plurals) and the tagger's (gazetteer, sentence context). Older versions do not load.
 */
export const NLU_FORMAT_VERSION = 3;

const taggerJson = z.object({
  extractor: z.string(),
  labels: z.array(z.string()),
  /** Known annotated values with their label indexes (absent in models from before the gazetteer). */
  gazetteer: z.array(z.tuple([z.string(), z.array(z.number().int().min(0))])).default([]),
  /** The tagger's own sentence classifier (absent in older models: no sentence context). */
  sentenceClass: z
    .object({
      classes: z.array(z.string()),
      features: z.string(),
      offsets: z.string(),
      classIds: z.string(),
      weights: z.string(),
    })
    .default({ classes: [], features: "", offsets: "", classIds: "", weights: "" }),
  model: z.object({
    tags: z.number().int().min(1),
    features: z.string(),
    offsets: z.string(),
    tagIds: z.string(),
    weights: z.string(),
    transitions: z.string(),
  }),
});

const classifierJson = z.object({
  labels: z.array(z.string()),
  featureIds: z.string(),
  weightIndex: z.string(),
  weightValues: z.string(),
  bias: z.string(),
});

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
    entityTagger: z.string().nullable().default(null),
    duckling: z
      .object({ dimensions: z.array(z.string()), timezone: z.string().nullable() })
      .nullable()
      .default(null),
    responseSelector: z.object({ retrievalIntent: z.string().nullable() }).nullable().default(null),
    intentSplit: z.string().nullable().default(null),
    synonyms: z.boolean(),
    fallback: z.object({ threshold: z.number(), ambiguityThreshold: z.number() }).nullable(),
  }),
  featurePatterns: z.array(patternSpec),
  entityPatterns: z.array(patternSpec),
  classifier: classifierJson.nullable(),
  tagger: taggerJson.nullable().default(null),
  selector: z
    .object({
      key: z.string(),
      allRetrievalIntents: z.array(z.string()),
      classifier: classifierJson.nullable(),
      responses: z.record(z.string(), z.array(z.unknown())),
    })
    .nullable()
    .default(null),
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
