/**
 * @module nlu/response-selector
 * Rasa's ResponseSelector: for retrieval intents (`chitchat/ask_name`), a classifier over the full retrieval
 * intents trained on their examples. Its output goes into the parse result's `response_selector` in Rasa's shape
 * (`all_retrieval_intents`, then per selector key - `default` or the configured `retrieval_intent` - the chosen
 * `response` with `utter_action` and the `ranking`), which the `utter_<retrieval intent>` actions read.
 */
import type { NluExample } from "../model/index.js";
import type { SparseVector } from "./features.js";
import { IntentClassifier, trainIntentClassifier, type IntentClassifierJson } from "./intent-classifier.js";

export interface ResponseSelectorConfig {
  /** Rasa's `retrieval_intent`: train on this retrieval intent only and report under its name; else `default`. */
  retrievalIntent: string | null;
}

export interface ResponseSelectorJson {
  key: string;
  allRetrievalIntents: string[];
  classifier: IntentClassifierJson | null;
  responses: Record<string, unknown[]>;
}

/** A stable id per response key, as Rasa reports one per ranked response. */
function responseId(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 2 ** 31;
}

const RANKING_LENGTH = 10;

export class ResponseSelector {
  private readonly classifier: IntentClassifier | null;

  constructor(private readonly json: ResponseSelectorJson) {
    this.classifier = json.classifier ? IntentClassifier.fromJSON(json.classifier) : null;
  }

  /** The `response_selector` value of a parse result for features `x`. */
  select(x: SparseVector): Record<string, unknown> {
    const out: Record<string, unknown> = { all_retrieval_intents: this.json.allRetrievalIntents };
    if (!this.classifier || x.ids.length === 0) {
      out[this.json.key] = {
        response: { responses: null, confidence: 0.0, intent_response_key: null, utter_action: "utter_None" },
        ranking: [],
      };
      return out;
    }
    const probs = this.classifier.predict(x);
    const ranked = this.classifier.labels
      .map((key, i) => ({ key, confidence: probs[i] ?? 0 }))
      .sort((a, b) => b.confidence - a.confidence || (a.key < b.key ? -1 : 1));
    const top = ranked[0] as { key: string; confidence: number };
    out[this.json.key] = {
      response: {
        id: responseId(top.key),
        responses: this.json.responses[`utter_${top.key}`] ?? null,
        confidence: top.confidence,
        intent_response_key: top.key,
        utter_action: `utter_${top.key}`,
        template_name: `utter_${top.key}`,
      },
      ranking: ranked
        .slice(0, RANKING_LENGTH)
        .map((r) => ({ id: responseId(r.key), confidence: r.confidence, intent_response_key: r.key })),
    };
    return out;
  }

  /** The full retrieval intent chosen by the selector, for `intent.full_retrieval_intent_name`. */
  fullIntent(x: SparseVector, baseIntent: string): string | null {
    const selection = this.select(x)[this.json.key] as { response: { intent_response_key: string | null } };
    const key = selection.response.intent_response_key;
    return key && key.split("/")[0] === baseIntent ? key : null;
  }

  toJSON(): ResponseSelectorJson {
    return this.json;
  }
}

export function trainResponseSelector(
  samples: readonly { example: NluExample; x: SparseVector }[],
  config: ResponseSelectorConfig,
  responses: Record<string, unknown[]>,
  seed: number,
): ResponseSelector {
  const retrieval = samples.filter(({ example }) => {
    const [base, key] = example.intent.split("/");
    return key !== undefined && (config.retrievalIntent === null || base === config.retrievalIntent);
  });
  const allRetrievalIntents = [
    ...new Set(
      samples.flatMap(({ example }) => {
        const [base, key] = example.intent.split("/");
        return key !== undefined && base ? [base] : [];
      }),
    ),
  ].sort();
  const labels = [...new Set(retrieval.map((s) => s.example.intent))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const classifier =
    labels.length > 0
      ? trainIntentClassifier(
          retrieval.map((s) => ({ x: s.x, label: index.get(s.example.intent) ?? 0 })),
          labels,
          { seed, epochs: 40 },
        ).toJSON()
      : null;
  const kept: Record<string, unknown[]> = {};
  for (const label of labels) {
    const variations = responses[`utter_${label}`];
    if (variations) kept[`utter_${label}`] = variations;
  }
  return new ResponseSelector({
    key: config.retrievalIntent ?? "default",
    allRetrievalIntents,
    classifier,
    responses: kept,
  });
}
