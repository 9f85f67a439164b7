import { describe, expect, it } from "vitest";
import { parsePayload } from "./payload.js";

const INTENTS = ["inform", "greet", "mood_great"];
const ENTITIES = ["cuisine", "number"];

describe("parsePayload", () => {
  it("parses a bare intent with confidence 1", () => {
    expect(parsePayload("/greet", INTENTS, ENTITIES)).toEqual({
      text: "/greet",
      intent: { name: "greet", confidence: 1 },
      entities: [],
      intent_ranking: [{ name: "greet", confidence: 1 }],
    });
  });

  it("parses entities and a confidence", () => {
    const text = '/inform@0.5{"cuisine":"thai"}';
    const result = parsePayload(text, INTENTS, ENTITIES);
    expect(result?.intent).toEqual({ name: "inform", confidence: 0.5 });
    expect(result?.intent_ranking).toEqual([{ name: "inform", confidence: 0.5 }]);
    // Rasa 3's RegexMessageHandler reports the span of the whole match for payload entities.
    expect(result?.entities).toEqual([
      { entity: "cuisine", value: "thai", start: 0, end: text.length, extractor: "RegexMessageHandler" },
    ]);
  });

  it("ignores a confidence written after the entities, with a warning", () => {
    const warnings: string[] = [];
    const result = parsePayload('/inform{"cuisine":"thai"}@0.5', INTENTS, ENTITIES, (w) => warnings.push(w));
    expect(result?.intent).toEqual({ name: "inform", confidence: 1 });
    expect(result?.entities.map((e) => e.value)).toEqual(["thai"]);
    expect(warnings.join(" ")).toContain("@0.5");
  });

  it("gives one entity per list value and drops unknown entity types", () => {
    const warnings: string[] = [];
    const result = parsePayload(
      '/inform{"cuisine":["thai","greek"],"colour":"red","number":3}',
      INTENTS,
      ENTITIES,
      (w) => warnings.push(w),
    );
    expect(result?.entities.map((e) => [e.entity, e.value])).toEqual([
      ["cuisine", "thai"],
      ["cuisine", "greek"],
      ["number", 3],
    ]);
    expect(warnings.some((w) => w.includes("colour"))).toBe(true);
  });

  it("clips confidences above 1 and turns unreadable ones into 0", () => {
    expect(parsePayload("/greet@1.7", INTENTS, ENTITIES)?.intent).toEqual({ name: "greet", confidence: 1 });
    expect(parsePayload("/greet@1.2.3", INTENTS, ENTITIES)?.intent).toEqual({ name: "greet", confidence: 0 });
    expect(parsePayload("/greet@.25", INTENTS, ENTITIES)?.intent).toEqual({ name: "greet", confidence: 0.25 });
  });

  it("returns null for unknown intents and non-payload text so normal NLU runs", () => {
    expect(parsePayload("/unknown_intent", INTENTS, ENTITIES)).toBeNull();
    expect(parsePayload("hello /greet", INTENTS, ENTITIES)).toBeNull();
    expect(parsePayload("/", INTENTS, ENTITIES)).toBeNull();
    expect(parsePayload("", INTENTS, ENTITIES)).toBeNull();
  });

  it("ignores invalid entity JSON with a warning but keeps the intent", () => {
    const warnings: string[] = [];
    const result = parsePayload("/inform{cuisine: thai}", INTENTS, ENTITIES, (w) => warnings.push(w));
    expect(result?.intent).toEqual({ name: "inform", confidence: 1 });
    expect(result?.entities).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(parsePayload('/inform{"a":1', INTENTS, ENTITIES)?.entities).toEqual([]);
    expect(parsePayload("/inform[1,2]", INTENTS, ENTITIES)).toBeNull();
  });

  it("strips surrounding whitespace like Rasa", () => {
    expect(parsePayload("  /mood_great \n", INTENTS, ENTITIES)?.text).toBe("/mood_great");
  });
});
