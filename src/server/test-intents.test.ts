import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveModel } from "../model-archive/archive.js";
import { RASA_FIXTURES } from "../testing/fixtures.js";
import { callbackReceiver, moodbotModel, startApiBot } from "./test-helpers.js";
import type { ApiBot } from "./test-helpers.js";

let bot: ApiBot;
beforeAll(async () => {
  bot = await startApiBot();
});
afterAll(() => bot.close());

// "you are a bot" is labelled `greet` on purpose: the evaluation must count it as an error.
const TEST_NLU = [
  'version: "3.1"',
  "nlu:",
  "- intent: greet",
  "  examples: |",
  "    - hello there",
  "    - good morning",
  "    - you are a bot",
  "- intent: bot_challenge",
  "  examples: |",
  "    - are you a human?",
  "- intent: tell_name",
  "  examples: |",
  "    - my name is [Priya](name)",
  "",
].join("\n");

const yaml = (url: string, payload: string) =>
  bot.app.inject({ method: "POST", url, headers: { "content-type": "application/x-yaml" }, payload });

describe("POST /model/test/intents", () => {
  it("evaluates the loaded model on YAML test data in the shape of Rasa's run_evaluation", async () => {
    const res = await yaml("/model/test/intents", TEST_NLU);
    expect(res.statusCode).toBe(200);
    const { intent_evaluation: intents, entity_evaluation: entities, response_selection_evaluation } = res.json();
    expect(intents.predictions).toHaveLength(5);
    expect(intents.predictions[0]).toMatchObject({ text: "hello there", intent: "greet", predicted: "greet" });
    expect(intents.predictions[0].confidence).toBeGreaterThan(0.3);
    expect(intents.errors).toEqual([
      {
        text: "you are a bot",
        intent: "greet",
        intent_prediction: { name: "bot_challenge", confidence: expect.any(Number) },
      },
    ]);
    expect(intents.accuracy).toBeCloseTo(4 / 5);
    expect(intents.report.greet).toMatchObject({ support: 3, recall: 2 / 3, precision: 1 });
    expect(intents.precision).toBe(intents.report["weighted avg"].precision);
    expect(intents.f1_score).toBe(intents.report["weighted avg"]["f1-score"]);
    // The moodbot finds names with DIETClassifier's tagger and with RegexEntityExtractor (its lookup table).
    const extractors = Object.keys(entities);
    expect(extractors.length).toBeGreaterThan(0);
    for (const name of extractors) {
      expect(entities[name].report.name.support).toBe(1);
      expect(entities[name]).toHaveProperty("accuracy");
      expect(Array.isArray(entities[name].errors)).toBe(true);
    }
    expect(response_selection_evaluation).toBeNull();
  });

  it("answers every field of Rasa's EvaluationItem schema with its type", async () => {
    interface Schema {
      type?: string;
      properties?: Record<string, Schema>;
      items?: Schema;
      $ref?: string;
    }
    const spec = parse(fs.readFileSync(path.join(RASA_FIXTURES, "openapi/rasa.yml"), "utf8")) as {
      components: { schemas: Record<string, Schema> };
    };
    const item = spec.components.schemas.EvaluationItem!;
    const intents = (await yaml("/model/test/intents", TEST_NLU)).json().intent_evaluation;
    const typeOf = (v: unknown) => (Array.isArray(v) ? "array" : typeof v);
    for (const [field, schema] of Object.entries(item.properties!)) {
      expect(intents, field).toHaveProperty(field);
      if (schema.type) expect(typeOf(intents[field]), field).toBe(schema.type);
    }
    for (const [field, schema] of Object.entries(item.properties!.predictions!.items!.properties!))
      expect(typeOf(intents.predictions[0][field]), `predictions[].${field}`).toBe(schema.type);
  });

  it("takes Rasa NLU JSON too, but cross-validates only YAML", async () => {
    const json = {
      rasa_nlu_data: {
        common_examples: [
          { text: "good evening", intent: "greet", entities: [] },
          { text: "bye bye", intent: "goodbye", entities: [] },
        ],
      },
    };
    const res = await bot.app.inject({ method: "POST", url: "/model/test/intents", payload: json });
    expect(res.statusCode).toBe(200);
    expect(res.json().intent_evaluation.accuracy).toBe(1);
    const cv = await bot.app.inject({
      method: "POST",
      url: "/model/test/intents?cross_validation_folds=2",
      payload: json,
    });
    expect(cv.statusCode).toBe(400);
    expect(cv.json()).toMatchObject({
      reason: "TestingError",
      message: "Cross-validation is only supported for YAML data.",
    });
  });

  it("cross-validates the pipeline and data of a YAML body over every fold's test part", async () => {
    const body = [
      "pipeline:",
      "- name: WhitespaceTokenizer",
      "- name: CountVectorsFeaturizer",
      "- name: DIETClassifier",
      TEST_NLU.replace('version: "3.1"\n', "")
        .replace("    - hello there\n", "    - hello there\n    - hi\n    - hey\n")
        .replace("    - are you a human?\n", "    - are you a human?\n    - am I talking to a bot?\n"),
    ].join("\n");
    const res = await yaml("/model/test/intents?cross_validation_folds=2", body);
    expect(res.statusCode).toBe(200);
    expect(res.json().intent_evaluation.predictions).toHaveLength(8);
    expect(res.json().intent_evaluation.report["weighted avg"].support).toBe(8);
    const bad = await yaml("/model/test/intents?cross_validation_folds=one", body);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual({ parameter: "cross_validation_folds", in: "query" });
  });

  it("evaluates the model `?model=` names instead of the loaded one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-test-intents-"));
    try {
      const file = saveModel(moodbotModel(), dir);
      const res = await yaml(`/model/test/intents?model=${encodeURIComponent(file)}`, TEST_NLU);
      expect(res.statusCode).toBe(200);
      expect(res.json().intent_evaluation.predictions).toHaveLength(5);
      const missing = await yaml("/model/test/intents?model=nowhere/model.tar.gz", TEST_NLU);
      expect(missing.statusCode).toBe(400);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers 204 with callback_url and POSTs the evaluation there", async () => {
    const callback = await callbackReceiver();
    try {
      const res = await yaml(`/model/test/intents?callback_url=${callback.url}`, TEST_NLU);
      expect(res.statusCode).toBe(204);
      const { contentType, body } = await callback.received;
      expect(contentType).toBe("application/json");
      expect(JSON.parse(body.toString()).intent_evaluation.errors[0].text).toBe("you are a bot");
    } finally {
      callback.close();
    }
  });

  it("with callback_url, POSTs even a malformed request's error there, as Rasa does", async () => {
    const callback = await callbackReceiver();
    try {
      const res = await yaml(`/model/test/intents?callback_url=${callback.url}`, "nlu: [unclosed");
      expect(res.statusCode).toBe(204);
      const { contentType, body } = await callback.received;
      expect(contentType).toBe("application/json");
      expect(JSON.parse(body.toString())).toMatchObject({ status: "failure", code: 400, reason: "BadRequest" });
    } finally {
      callback.close();
    }
  });

  it("rejects an empty or malformed body and answers 409 without a model", async () => {
    const empty = await yaml("/model/test/intents", "");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe(
      "You must provide some nlu data in the request body in order to evaluate your model.",
    );
    const broken = await yaml("/model/test/intents", "nlu: [unclosed");
    expect(broken.statusCode).toBe(400);
    expect(broken.json().reason).toBe("BadRequest");
    const model = bot.holder.agent!.model;
    await bot.app.inject({ method: "DELETE", url: "/model" });
    try {
      const conflict = await yaml("/model/test/intents", TEST_NLU);
      expect(conflict.statusCode).toBe(409);
      expect(conflict.json().reason).toBe("Conflict");
    } finally {
      await bot.holder.load(model);
    }
  });
});
