import { describe, expect, it } from "vitest";
import type { NluData } from "../../model/index.js";
import { trainNlu } from "../index.js";
import { nluDataFromYaml } from "../test-data.js";
import { tokenize } from "../tokenizer.js";
import { decodeTags, encodeTags, OUTSIDE } from "./bilou.js";
import { Gazetteer, type GazetteerJson } from "./gazetteer.js";
import { labelPartOutputs } from "./label-parts.js";
import { outOfFoldClasses, SentenceClassifier, type SentenceClassJson } from "./sentence-class.js";

const TRAVEL = `
nlu:
- intent: book
  examples: |
    - fly from [Berlin]{"entity": "city", "role": "from"} to [Paris]{"entity": "city", "role": "to"}
    - a flight from [London]{"entity": "city", "role": "from"} to [Rome]{"entity": "city", "role": "to"}
    - from [Oslo]{"entity": "city", "role": "from"} to [New York]{"entity": "city", "role": "to"} please
    - I want to go from [Vienna]{"entity": "city", "role": "from"} to [Lisbon]{"entity": "city", "role": "to"}
    - book me from [Madrid]{"entity": "city", "role": "from"} to [San Francisco]{"entity": "city", "role": "to"}
    - travel from [Prague]{"entity": "city", "role": "from"} to [Dublin]{"entity": "city", "role": "to"} tomorrow
    - get me to [Athens]{"entity": "city", "role": "to"}
    - I need to get to [Warsaw]{"entity": "city", "role": "to"}
- intent: greet
  examples: |
    - hello there
    - hi
    - good morning
`;

const PIPELINE = [{ name: "WhitespaceTokenizer" }, { name: "CountVectorsFeaturizer" }, { name: "DIETClassifier" }];

function train(data: NluData, seed = 1) {
  return trainNlu(data, { pipeline: PIPELINE, language: "en", seed });
}

describe("BILOU tags", () => {
  it("encodes one-token entities as U and longer ones as B..L, and decodes them back", () => {
    const tokens = tokenize("from New York City to Rome");
    const { tags } = encodeTags(
      tokens,
      [
        { entity: "city", start: 5, end: 18, value: "New York City" },
        { entity: "city", start: 22, end: 26, value: "Rome" },
      ],
      () => 0,
    );
    expect(tags).toEqual([OUTSIDE, 1, 2, 3, OUTSIDE, 4]);
    expect(decodeTags(tags)).toEqual([
      { label: 0, first: 1, last: 3 },
      { label: 0, first: 5, last: 5 },
    ]);
  });

  it("reports annotations that cover no token", () => {
    const { unmatched } = encodeTags(tokenize("hi !!"), [{ entity: "x", start: 3, end: 5, value: "!!" }], () => 0);
    expect(unmatched).toHaveLength(1);
  });
});

describe("learned entity tagger", () => {
  const model = train(nluDataFromYaml(TRAVEL));

  it("tags cities it never saw, from their context, with roles", () => {
    const entities = model.parse("fly from Tokyo to Buenos Aires").entities;
    expect(entities.map((e) => [e.entity, e.value, e.role, e.extractor])).toEqual([
      ["city", "Tokyo", "from", "DIETClassifier"],
      ["city", "Buenos Aires", "to", "DIETClassifier"],
    ]);
  });

  it("reports a confidence between 0 and 1 per entity", () => {
    for (const e of model.parse("from Lima to Quito").entities) {
      expect(e.confidence_entity).toBeGreaterThan(0);
      expect(e.confidence_entity).toBeLessThanOrEqual(1);
    }
  });

  it("tags nothing in sentences unlike the annotated ones", () => {
    expect(model.parse("hello there").entities).toEqual([]);
  });

  it("is deterministic for a seed and survives a JSON round trip", async () => {
    const again = train(nluDataFromYaml(TRAVEL));
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
    const { loadNlu } = await import("../index.js");
    const loaded = loadNlu(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.parse("from Lima to Quito")).toEqual(model.parse("from Lima to Quito"));
  });

  it("stays fast and finite on a 10 kB message", () => {
    const huge = "fly from Berlin to Paris 😀 Привет 你好 ".repeat(300);
    const start = performance.now();
    const result = model.parse(huge);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.entities.length).toBeGreaterThan(100);
    for (const e of result.entities) expect(Number.isFinite(e.confidence_entity)).toBe(true);
  });
});

describe("gazetteer of annotated values", () => {
  const gazetteer = Gazetteer.build([
    { value: "the dark side of the moon", label: 0 },
    { value: "moon", label: 1 },
    { value: "moon", label: 1 },
  ]);

  it("marks every token of a known value with its position and label", () => {
    expect(gazetteer.hits(tokenize("play the dark side of the moon"))).toEqual([
      [],
      ["B:0"],
      ["I:0"],
      ["I:0"],
      ["I:0"],
      ["I:0"],
      ["L:0", "U:1"],
    ]);
  });

  it("does not let a training sentence see its own annotation (leave-one-out)", () => {
    const tokens = tokenize("the dark side of the moon");
    expect(gazetteer.hits(tokens, [{ value: "the dark side of the moon", label: 0 }])[0]).toEqual([]);
    // "moon" was annotated twice: one other sentence still vouches for it.
    expect(gazetteer.hits(tokenize("moon"), [{ value: "moon", label: 1 }])).toEqual([["U:1"]]);
  });

  it("survives a JSON round trip", () => {
    const again = Gazetteer.fromJSON(JSON.parse(JSON.stringify(gazetteer.toJSON())) as GazetteerJson);
    expect(again.hits(tokenize("the moon"))).toEqual(gazetteer.hits(tokenize("the moon")));
  });
});

describe("sentence classifier of the tagger", () => {
  const sentences = [
    ["find the movie schedule for tonight", "cinema"],
    ["which movie plays at the cinema", "cinema"],
    ["show me movie times", "cinema"],
    ["rate this book five stars", "rate"],
    ["give this novel a rating of 3", "rate"],
    ["i rate the book 4 out of 6", "rate"],
  ].map(([text, label]) => ({ tokens: tokenize(text as string), label: label as string }));

  it("tells the intents of new sentences apart and survives a JSON round trip", () => {
    const classifier = SentenceClassifier.train(sentences, { epochs: 10, seed: 1 });
    const loaded = SentenceClassifier.fromJSON(JSON.parse(JSON.stringify(classifier.toJSON())) as SentenceClassJson);
    for (const model of [classifier, loaded]) {
      expect(model.classify(tokenize("movie times at the cinema please"))).toBe("cinema");
      expect(model.classify(tokenize("rate that book 2 stars"))).toBe("rate");
    }
  });

  it("guesses each training sentence's class without having seen that sentence (out-of-fold)", () => {
    const cinema = ["movie", "film", "cinema", "screening", "showtimes", "matinee"].map((w) => `${w} at the cinema`);
    const rate = ["book", "novel", "story", "essay", "poem", "album"].map((w) => `rate this ${w} five stars`);
    const data = [
      ...cinema.map((text) => ({ text, label: "cinema" })),
      ...rate.map((text) => ({ text, label: "rate" })),
    ];
    // Annotated as "rate", but worded like the cinema questions: a parse would get "cinema" for it, and so does a
    // classifier that did not train on it. Every other sentence is guessed as annotated.
    data.push({ text: "tonight at the cinema", label: "rate" });
    const guesses = outOfFoldClasses(
      data.map((d) => ({ tokens: tokenize(d.text), label: d.label })),
      { folds: 3, epochs: 10, seed: 1 },
    );
    expect(guesses.at(-1)).toBe("cinema");
    expect(guesses.slice(0, -1)).toEqual(data.slice(0, -1).map((d) => d.label));
  });
});

describe("label parts shared between tags", () => {
  it("scores related labels with shared parts, per BILOU position, and leaves unrelated ones alone", () => {
    const labels = [{ entity: "fromloc.city_name" }, { entity: "toloc.city_name" }, { entity: "airline" }];
    const outputs = labelPartOutputs(labels);
    const B = (label: number) => 1 + 4 * label;
    // Tags 0..12 are O and B/I/L/U of the three labels; shared parts come after them.
    const [fromB, toB, airlineB] = [outputs[B(0)], outputs[B(1)], outputs[B(2)]];
    expect(airlineB).toEqual([B(2)]);
    const sharedSuffix = fromB?.find((o) => o >= 13 && toB?.includes(o));
    expect(sharedSuffix).toBeDefined();
    // The I tag of the same label uses a different copy of the shared part.
    expect(outputs[B(0) + 1]).not.toContain(sharedSuffix);
  });
});
