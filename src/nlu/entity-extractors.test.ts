import { describe, expect, it } from "vitest";
import type { ComponentConfig, NluData } from "../model/index.js";
import { trainNlu } from "./index.js";
import { fixtureNluData, nluDataFromYaml } from "./test-data.js";

const FORMBOT_LIKE = `
nlu:
- intent: inform
  examples: |
    - [italian](cuisine) food please
    - i want [chinese](cuisine)
    - [pan asian](cuisine:asian) food
    - my account is [1234567890](account_number)
    - I live in [Paris](city)
    - my feedback is [good](feedback)
    - a table for [four](number) people
- intent: travel
  examples: |
    - fly from [Berlin]{"entity": "city", "role": "from"} to [Paris]{"entity": "city", "role": "to"}
    - from [Berlin]{"entity": "city", "role": "from"} please
    - a [large]{"entity": "size", "group": "1"} pizza
- intent: chat
  examples: |
    - good morning
    - that is good
    - good night
- synonym: vegetarian
  examples: |
    - veggie
    - vegan
- regex: account_number
  examples: |
    - \\d{10,12}
- lookup: cuisine
  examples: |
    - italian
    - veggie
    - new york pizza
`;

const PIPELINE: ComponentConfig[] = [
  { name: "WhitespaceTokenizer" },
  { name: "RegexFeaturizer" },
  { name: "CountVectorsFeaturizer" },
  { name: "DIETClassifier" },
  { name: "RegexEntityExtractor" },
  { name: "EntitySynonymMapper" },
];

function train(data: NluData, pipeline = PIPELINE) {
  return trainNlu(data, { pipeline, language: "en" });
}

describe("entity extraction", () => {
  const data = nluDataFromYaml(FORMBOT_LIKE);
  const model = train(data);

  it("extracts regex entities with RegexEntityExtractor", () => {
    const result = model.parse("my number is 0123456789 ok");
    expect(result.entities).toEqual([
      {
        entity: "account_number",
        start: 13,
        end: 23,
        value: "0123456789",
        confidence_entity: 1,
        extractor: "RegexEntityExtractor",
      },
    ]);
  });

  it("matches lookup tables case-insensitively on word boundaries and maps synonyms", () => {
    const result = model.parse("VEGGIE or New York Pizza, not veggies");
    expect(result.entities.filter((e) => e.extractor === "RegexEntityExtractor")).toEqual([
      {
        entity: "cuisine",
        start: 0,
        end: 6,
        value: "vegetarian",
        confidence_entity: 1,
        extractor: "RegexEntityExtractor",
        processors: ["EntitySynonymMapper"],
      },
      {
        entity: "cuisine",
        start: 10,
        end: 24,
        value: "New York Pizza",
        confidence_entity: 1,
        extractor: "RegexEntityExtractor",
      },
    ]);
  });

  it("tags entities learned from the annotations in new sentences, with inline synonyms", () => {
    const result = model.parse("Is there PAN ASIAN or chinese food?");
    expect(result.entities.map((e) => [e.entity, e.value, e.start, e.end, e.extractor, e.processors])).toEqual([
      ["cuisine", "asian", 9, 18, "DIETClassifier", ["EntitySynonymMapper"]],
      ["cuisine", "chinese", 22, 29, "DIETClassifier", undefined],
    ]);
  });

  it("does not report the same span twice when a lookup and the tagger agree", () => {
    const entities = model.parse("italian please").entities;
    expect(entities).toHaveLength(1);
    expect(entities[0]?.extractor).toBe("RegexEntityExtractor");
  });

  it("tags roles and groups learned from the context", () => {
    const entities = model.parse("from Berlin with a large bag").entities;
    expect(entities).toEqual([
      expect.objectContaining({ entity: "city", value: "Berlin", role: "from" }),
      expect.objectContaining({ entity: "size", value: "large", group: "1" }),
    ]);
  });

  it("does not tag common words that were annotated in another context", () => {
    expect(model.parse("good morning").entities).toEqual([]);
  });

  it("leaves entities alone without the extractors in the pipeline", () => {
    const bare = train(data, [{ name: "WhitespaceTokenizer" }, { name: "LogisticRegressionClassifier" }]);
    expect(bare.parse("italian food, 0123456789").entities).toEqual([]);
  });

  it("skips invalid regexes with a warning instead of failing training", () => {
    const warnings: string[] = [];
    const broken = { ...data, regexes: [...data.regexes, { name: "account_number", pattern: "(unclosed" }] };
    const m = trainNlu(broken, { pipeline: PIPELINE, language: "en", warn: (w) => warnings.push(w) });
    expect(warnings.some((w) => w.includes("(unclosed"))).toBe(true);
    expect(m.parse("0123456789").entities.map((e) => e.entity)).toEqual(["account_number"]);
  });

  it("translates Python-only regex syntax", () => {
    const py = { ...data, regexes: [{ name: "account_number", pattern: "(?i)acc-(?P<digits>\\d{3})\\Z" }] };
    const m = train(py);
    expect(m.parse("ACC-123").entities[0]).toMatchObject({ entity: "account_number", value: "ACC-123" });
  });

  it("extracts formbot cuisines with the synonym mapping of the fixture data", () => {
    const formbot = train(fixtureNluData("formbot"), [
      { name: "WhitespaceTokenizer" },
      { name: "CountVectorsFeaturizer" },
      { name: "DIETClassifier" },
      { name: "EntitySynonymMapper" },
    ]);
    expect(formbot.parse("serving gastro pub food").entities).toMatchObject([
      { entity: "cuisine", value: "gastropub" },
    ]);
    expect(formbot.parse("I want thai food").entities).toMatchObject([
      { entity: "cuisine", value: "thai", start: 7, end: 11 },
    ]);
  });
});
