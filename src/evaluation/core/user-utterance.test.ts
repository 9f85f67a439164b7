import { describe, expect, it } from "vitest";
import type { Event, ParseResult } from "../../model/index.js";
import { annotatedText, checkUtterance, entityLabel, entityPairs } from "./user-utterance.js";

type UserEvent = Extract<Event, { event: "user" }>;

function storyMessage(text: string | null, intent: string, entities: UserEvent["parse_data"]["entities"] = []) {
  return {
    event: "user",
    timestamp: 0,
    text,
    parse_data: { text: text ?? "", intent: { name: intent, confidence: 1 }, entities },
  } as UserEvent;
}

const parse = (intent: string, entities: ParseResult["entities"] = [], extra: Partial<ParseResult> = {}) => ({
  text: "",
  intent: { name: intent, confidence: 0.9 },
  entities,
  ...extra,
});

const TEXT = "fly from Berlin to NYC";
const BERLIN = { entity: "city", value: "Berlin", start: 9, end: 15 };
const NYC = { entity: "city", value: "New York", start: 19, end: 22 };

describe("end-to-end check of a story's user message", () => {
  it("is right when intent and entities match, whatever the extractor adds or repeats", () => {
    const predicted = [
      { ...NYC, extractor: "DIETClassifier", confidence_entity: 0.8 },
      { ...BERLIN, extractor: "DIETClassifier" },
      { ...BERLIN, extractor: "RegexEntityExtractor" },
    ];
    const result = checkUtterance(storyMessage(TEXT, "fly", [BERLIN, NYC]), parse("fly", predicted), 3);
    expect(result).toMatchObject({ eventIndex: 3, goldIntent: "fly", predictedIntent: "fly", wrong: false });
  });

  it("is wrong on a missing entity or another value, even with the right intent", () => {
    expect(checkUtterance(storyMessage(TEXT, "fly", [BERLIN, NYC]), parse("fly", [BERLIN]), 1)?.wrong).toBe(true);
    const otherValue = [BERLIN, { ...NYC, value: "NYC" }];
    expect(checkUtterance(storyMessage(TEXT, "fly", [BERLIN, NYC]), parse("fly", otherValue), 1)?.wrong).toBe(true);
  });

  it("names a wrongly predicted retrieval intent by its full name from the response selector", () => {
    const selector = {
      all_retrieval_intents: ["chitchat"],
      default: { response: { intent_response_key: "chitchat/ask_weather" } },
    };
    const gold = storyMessage("what is your name?", "chitchat/ask_name");
    const right = parse("chitchat", [], {
      response_selector: { ...selector, default: { response: { intent_response_key: "chitchat/ask_name" } } },
    });
    expect(checkUtterance(gold, right, 1)).toMatchObject({ predictedIntent: "chitchat/ask_name", wrong: false });
    const wrong = parse("chitchat", [], { response_selector: selector });
    expect(checkUtterance(gold, wrong, 1)).toMatchObject({ predictedIntent: "chitchat/ask_weather", wrong: true });
  });

  it("counts a message without text as its own prediction, as Rasa does", () => {
    const result = checkUtterance(storyMessage(null, "greet"), parse("goodbye"), 1);
    expect(result).toMatchObject({ goldIntent: "greet", predictedIntent: "greet", wrong: false });
  });
});

describe("entities in the end-to-end report", () => {
  it("labels entities in training-data markup, with the value only when it differs from the text", () => {
    expect(entityLabel({ text: TEXT, ...BERLIN })).toBe("[Berlin](city)");
    expect(entityLabel({ text: TEXT, ...NYC })).toBe('[NYC]{"entity": "city", "value": "New York"}');
    expect(
      annotatedText(TEXT, [
        { text: TEXT, ...NYC },
        { text: TEXT, ...BERLIN },
      ]),
    ).toBe('fly from [Berlin](city) to [NYC]{"entity": "city", "value": "New York"}');
  });

  it("pairs gold and predicted entities by position, None where one side has nothing", () => {
    const gold = [BERLIN, NYC].map((e) => ({ text: TEXT, ...e }));
    const predicted = [
      { text: TEXT, entity: "city", value: "fly", start: 0, end: 3 },
      { text: TEXT, ...BERLIN },
    ];
    const pairs = entityPairs([
      {
        eventIndex: 1,
        text: TEXT,
        goldIntent: "fly",
        predictedIntent: "fly",
        goldEntities: gold,
        predictedEntities: predicted,
        wrong: true,
      },
    ]);
    expect(pairs).toEqual([
      { gold: "None", predicted: "[fly](city)" },
      { gold: "[Berlin](city)", predicted: "[Berlin](city)" },
      { gold: '[NYC]{"entity": "city", "value": "New York"}', predicted: "None" },
    ]);
  });
});
