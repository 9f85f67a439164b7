/**
 * @module evaluation/core/user-utterance
 * The end-to-end part of a story test (`rasa test --e2e`, `POST /model/test/stories?e2e=true`): each user message
 * of a test story is parsed by the NLU and its intent and entities are checked against the story's, as Rasa's
 * `_collect_user_uttered_predictions` does. A wrong intent or entity fails the story; the report scores intents
 * and entities next to actions.
 */
import type { Event, ExtractedEntity, ParseResult } from "../../model/index.js";
import { selectedResponse } from "../nlu/rasa-result.js";

type UserEvent = Extract<Event, { event: "user" }>;

/** An entity reduced to what the test compares (Rasa's `_clean_entity_results`). */
export interface ScoredEntity {
  text: string;
  start: number;
  end: number;
  entity: string;
  value: string;
}

export interface UtteranceResult {
  /** Index of the user event in the replayed story. */
  eventIndex: number;
  text: string;
  goldIntent: string;
  predictedIntent: string | null;
  goldEntities: ScoredEntity[];
  predictedEntities: ScoredEntity[];
  wrong: boolean;
}

function scored(text: string, entities: readonly ExtractedEntity[]): ScoredEntity[] {
  return entities
    .filter((e) => e.start !== undefined && e.end !== undefined)
    .map((e) => ({
      text,
      start: e.start!,
      end: e.end!,
      entity: e.entity,
      // Predicted values may be numbers or Duckling objects; story values are always text.
      value: typeof e.value === "string" ? e.value : JSON.stringify(e.value),
    }));
}

const entityKey = (e: ScoredEntity) => `${e.start}\u0000${e.end}\u0000${e.entity}\u0000${e.value}`;

/** The same entities, duplicates and order aside (Rasa compares them as sets). */
function sameEntities(a: readonly ScoredEntity[], b: readonly ScoredEntity[]): boolean {
  const left = new Set(a.map(entityKey));
  const right = new Set(b.map(entityKey));
  return left.size === right.size && [...left].every((k) => right.has(k));
}

/**
 * The predicted intent as the story would name it: when the base intent is wrong and it is a retrieval intent, its
 * full name (`chitchat/ask_name`) from the response selector (Rasa's `_get_full_retrieval_intent`).
 */
function predictedIntent(parse: ParseResult, gold: string): string | null {
  const base = "name" in parse.intent ? parse.intent.name : null;
  if (base === null || base === gold) return base;
  const retrieval = parse.response_selector?.all_retrieval_intents as string[] | undefined;
  return retrieval?.includes(base) ? selectedResponse(parse, base).key || base : base;
}

/**
 * Checks one user message of a story against the NLU's parse of its text. A message without text (`- intent:` only)
 * is its own prediction, as in Rasa: its intent counts as correct and its entities, which have no offsets, are not
 * scored. A message without an intent (`- user:` only) has its entities checked and no intent to score.
 */
export function checkUtterance(event: UserEvent, parse: ParseResult, eventIndex: number): UtteranceResult | null {
  const gold = event.parse_data;
  if (!gold) return null;
  const goldIntent = "name" in gold.intent ? (gold.intent.full_retrieval_intent_name ?? gold.intent.name) : "";
  const text = event.text ?? "";
  const goldEntities = scored(text, gold.entities);
  if (!event.text) {
    if (!goldIntent) return null;
    return {
      eventIndex,
      text,
      goldIntent,
      predictedIntent: goldIntent,
      goldEntities,
      predictedEntities: goldEntities,
      wrong: false,
    };
  }
  const predictedEntities = scored(text, parse.entities);
  const predicted = goldIntent ? predictedIntent(parse, goldIntent) : goldIntent;
  return {
    eventIndex,
    text,
    goldIntent,
    predictedIntent: predicted,
    goldEntities,
    predictedEntities,
    wrong: predicted !== goldIntent || !sameEntities(goldEntities, predictedEntities),
  };
}

/**
 * An entity as the report names it, in training-data markup (Rasa's `generate_entity`): `[Berlin](city)`, or
 * `[NYC]{"entity": "city", "value": "New York"}` when the value is not the text itself.
 */
export function entityLabel(e: ScoredEntity): string {
  const surface = e.text.slice(e.start, e.end);
  if (e.value === surface) return `[${surface}](${e.entity})`;
  // Python's json.dumps spacing, so the labels match Rasa's report keys.
  return `[${surface}]{"entity": ${JSON.stringify(e.entity)}, "value": ${JSON.stringify(e.value)}}`;
}

/** The message with its entities marked up (Rasa's `format_message`), overlapping ones left out. */
export function annotatedText(text: string, entities: readonly ScoredEntity[]): string {
  let out = "";
  let at = 0;
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + entityLabel(e);
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Gold and predicted entities paired by position for the report, `"None"` where one side has nothing (Rasa's
 * `EvaluationStore.serialise`): messages are grouped by text and their entities walked in order of offsets.
 */
export function entityPairs(results: readonly UtteranceResult[]): { gold: string; predicted: string }[] {
  const golds = results.flatMap((r) => r.goldEntities);
  const predictions = results.flatMap((r) => r.predictedEntities);
  const texts = [...new Set([...golds, ...predictions].map((e) => e.text))].sort();
  const byStart = (a: ScoredEntity, b: ScoredEntity) => a.start - b.start;
  const pairs: { gold: string; predicted: string }[] = [];
  for (const text of texts) {
    const g = golds.filter((e) => e.text === text).sort(byStart);
    const p = predictions.filter((e) => e.text === text).sort(byStart);
    let i = 0;
    let j = 0;
    while (i < p.length || j < g.length) {
      const pred = p[i];
      const gold = g[j];
      const order = !pred ? 1 : !gold ? -1 : pred.start - gold.start || pred.end - gold.end;
      if (order < 0) {
        pairs.push({ gold: "None", predicted: entityLabel(p[i++]!) });
      } else if (order > 0) {
        pairs.push({ gold: entityLabel(g[j++]!), predicted: "None" });
      } else {
        pairs.push({ gold: entityLabel(g[j++]!), predicted: entityLabel(p[i++]!) });
      }
    }
  }
  return pairs;
}

/** Intent pairs for the report: every scored message with an intent in its story. */
export function intentPairs(results: readonly UtteranceResult[]): { gold: string; predicted: string }[] {
  return results
    .filter((r) => r.goldIntent)
    .map((r) => ({ gold: r.goldIntent, predicted: r.predictedIntent ?? "None" }));
}
