import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParseResult } from "../model/index.js";
import { emulatedParse } from "./parse-emulation.js";
import { startApiBot } from "./test-helpers.js";
import type { ApiBot } from "./test-helpers.js";

// "NYC" was mapped to "New York" by a synonym; the destination has a role, the date has none.
const PARSE: ParseResult = {
  text: "fly to NYC tomorrow",
  intent: { name: "book_flight", confidence: 0.9 },
  entities: [
    {
      entity: "city",
      value: "New York",
      start: 7,
      end: 10,
      role: "destination",
      confidence_entity: 0.8,
      extractor: "DIETClassifier",
    },
    { entity: "time", value: "2026-11-25", start: 11, end: 19, role: null, extractor: "DucklingEntityExtractor" },
  ],
  intent_ranking: [
    { name: "book_flight", confidence: 0.9 },
    { name: "greet", confidence: 0.1 },
  ],
};

describe("parse emulation formats (Rasa's emulators)", () => {
  it("wit.ai: entities keyed entity:role, body as written, confidence 1 when unknown", () => {
    expect(emulatedParse("wit", PARSE)).toEqual({
      text: "fly to NYC tomorrow",
      intents: [{ name: "book_flight", confidence: 0.9 }],
      entities: {
        "city:destination": [
          {
            confidence: 0.8,
            name: "city",
            value: "New York",
            body: "NYC",
            start: 7,
            end: 10,
            role: "destination",
            entities: [],
          },
        ],
        "time:time": [
          {
            confidence: 1,
            name: "time",
            value: "2026-11-25",
            body: "tomorrow",
            start: 11,
            end: 19,
            role: "time",
            entities: [],
          },
        ],
      },
    });
  });

  it("LUIS v3: scores from the ranking, entities by role with $instance details", () => {
    expect(emulatedParse("luis", PARSE)).toEqual({
      query: "fly to NYC tomorrow",
      prediction: {
        normalizedQuery: "fly to NYC tomorrow",
        topIntent: "book_flight",
        intents: { book_flight: { score: 0.9 }, greet: { score: 0.1 } },
        entities: {
          destination: ["New York"],
          time: ["2026-11-25"],
          $instance: {
            destination: [
              {
                role: "destination",
                type: "city",
                text: "New York",
                startIndex: 7,
                length: 3,
                score: null,
                modelType: "DIETClassifier",
              },
            ],
            time: [
              {
                role: null,
                type: "time",
                text: "2026-11-25",
                startIndex: 11,
                length: 8,
                score: null,
                modelType: "DucklingEntityExtractor",
              },
            ],
          },
        },
      },
    });
  });

  it("Dialogflow ES: intent as action and display name, values as parameters", () => {
    const out = emulatedParse("dialogflow", PARSE) as { responseId: string; queryResult: unknown };
    expect(out.responseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.queryResult).toEqual({
      queryText: "fly to NYC tomorrow",
      action: "book_flight",
      parameters: { city: ["New York"], time: ["2026-11-25"] },
      fulfillmentText: "",
      fulfillmentMessages: [],
      outputContexts: [],
      intent: { name: "book_flight", displayName: "book_flight" },
      intentDetectionConfidence: 0.9,
    });
  });
});

describe("POST /model/parse?emulation_mode=", () => {
  let bot: ApiBot;
  beforeAll(async () => {
    bot = await startApiBot();
  });
  afterAll(() => bot.close());

  const parse = (mode: string, payload: Record<string, unknown>) =>
    bot.app.inject({ method: "POST", url: `/model/parse?emulation_mode=${mode}`, payload });

  it("answers the moodbot's parse in each service's format, whatever the case of the mode", async () => {
    const wit = await parse("WIT", { text: ["my name is Priya", "ignored"] });
    expect(wit.statusCode).toBe(200);
    expect(wit.json().text).toBe("my name is Priya");
    expect(wit.json().intents[0].name).toBe("tell_name");
    expect(wit.json().entities["name:name"][0]).toMatchObject({ name: "name", value: "Priya", body: "Priya" });
    const luis = await parse("luis", { text: "my name is Priya" });
    expect(luis.json().prediction.topIntent).toBe("tell_name");
    expect(luis.json().prediction.entities.name).toEqual(["Priya"]);
    const dialogflow = await parse("Dialogflow", { text: "my name is Priya" });
    expect(dialogflow.json().queryResult).toMatchObject({ action: "tell_name", parameters: { name: ["Priya"] } });
  });

  it("rejects an unknown mode with Rasa's message", async () => {
    const res = await parse("alexa", { text: "hi" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      reason: "BadRequest",
      message: "Invalid parameter value for 'emulation_mode'. Should be one of 'WIT', 'LUIS', 'DIALOGFLOW'.",
      details: { parameter: "emulation_mode", in: "query" },
    });
  });
});
