import { describe, expect, it } from "vitest";
import type { ComponentConfig, NluData } from "../model/index.js";
import { loadNlu, trainNlu } from "./index.js";
import { splitLabels } from "./label-parts.js";
import { parseExample } from "./test-data.js";

describe("splitLabels", () => {
  it("splits multi-intent labels into shared, sorted sub-intents", () => {
    const split = splitLabels(["check_balance", "check_balance+transfer_money", "transfer_money"], "+");
    expect(split.parts).toEqual(["check_balance", "transfer_money"]);
    expect(split.ofLabel.map((of) => [...of])).toEqual([[0], [0, 1], [1]]);
  });

  it("keeps every label whole when the flag is off", () => {
    expect(splitLabels(["check_balance", "a+b"], null).parts).toEqual(["check_balance", "a+b"]);
  });
});

const PIPELINE: ComponentConfig[] = [
  { name: "WhitespaceTokenizer", intent_tokenization_flag: true, intent_split_symbol: "+" },
  { name: "CountVectorsFeaturizer" },
  { name: "CountVectorsFeaturizer", analyzer: "char_wb", min_ngram: 1, max_ngram: 4 },
  { name: "DIETClassifier", epochs: 100 },
];

function bankData(): NluData {
  const examples: [string, string][] = [
    ["what is my balance", "check_balance"],
    ["how much money do I have", "check_balance"],
    ["show my account balance", "check_balance"],
    ["check my balance please", "check_balance"],
    ["how much is left on my account", "check_balance"],
    ["send 20 dollars to anna", "transfer_money"],
    ["transfer money to my brother", "transfer_money"],
    ["I want to pay 50 euros to tom", "transfer_money"],
    ["move 100 dollars to my savings", "transfer_money"],
    ["wire money to john", "transfer_money"],
    ["what is my balance and send 20 dollars to anna", "check_balance+transfer_money"],
    ["check my balance then transfer money to tom", "check_balance+transfer_money"],
    ["hi", "greet"],
    ["hello there", "greet"],
    ["good morning", "greet"],
  ];
  return {
    examples: examples.map(([text, intent]) => parseExample(text, intent)),
    synonyms: {},
    regexes: [],
    lookups: [],
  };
}

describe("multi-intent classification (intent_tokenization_flag)", () => {
  const model = trainNlu(bankData(), { pipeline: PIPELINE, language: "en" });
  const combined = [
    "how much money do I have and wire 30 dollars to lisa",
    "show my account balance and pay 10 euros to tom",
    "check my balance and move 100 dollars to my savings",
    "how much is left on my account and transfer money to anna",
  ];
  const confidenceOfJoined = (m: typeof model, text: string) =>
    m.parse(text).intent_ranking?.find((r) => r.name === "check_balance+transfer_money")?.confidence ?? 0;

  it("predicts the joined label for a message with both intents, and the single intents otherwise", () => {
    expect(model.parse("check my balance and move 100 dollars to my savings").intent).toMatchObject({
      name: "check_balance+transfer_money",
    });
    expect(model.parse("how much money is on my account").intent).toMatchObject({ name: "check_balance" });
    expect(model.parse("wire 30 dollars to lisa").intent).toMatchObject({ name: "transfer_money" });
  });

  it("lets the joined label borrow the sub-intents' evidence (higher confidence than without the flag)", () => {
    const flagOff = PIPELINE.map((c) => (c.name === "WhitespaceTokenizer" ? { name: "WhitespaceTokenizer" } : c));
    const plain = trainNlu(bankData(), { pipeline: flagOff, language: "en" });
    for (const text of combined)
      expect(confidenceOfJoined(model, text)).toBeGreaterThan(confidenceOfJoined(plain, text));
  });

  it("keeps the joined label after saving and loading the model", () => {
    const loaded = loadNlu(JSON.parse(JSON.stringify(model.toJSON())));
    for (const text of combined) expect(loaded.parse(text)).toEqual(model.parse(text));
  });
});
