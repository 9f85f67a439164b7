import { describe, expect, it } from "vitest";
import path from "node:path";
import { loadProject } from "../config/index.js";
import { FIXTURES } from "./test-data.js";
import { trainNlu } from "./index.js";

interface Selection {
  response: {
    id: number;
    confidence: number;
    intent_response_key: string;
    utter_action: string;
    responses: { text: string }[];
  };
  ranking: unknown[];
}
interface Selector {
  all_retrieval_intents: string[];
  default: Selection;
}

describe("ResponseSelector (responseselectorbot)", () => {
  const project = loadProject(path.join(FIXTURES, "responseselectorbot"));
  const model = trainNlu(project.training.nlu, {
    pipeline: project.config.pipeline,
    language: "en",
    responses: project.domain.responses,
  });

  it("classifies the base intent and selects the full retrieval intent in Rasa's shape", () => {
    const result = model.parse("what is your name?");
    expect(result.intent).toMatchObject({ name: "chitchat", full_retrieval_intent_name: "chitchat/ask_name" });
    const selector = result.response_selector as unknown as Selector;
    expect(selector.all_retrieval_intents).toEqual(["chitchat"]);
    expect(selector.default.response).toMatchObject({
      intent_response_key: "chitchat/ask_name",
      utter_action: "utter_chitchat/ask_name",
    });
    expect(selector.default.response.responses[0]?.text).toEqual(expect.any(String));
    expect(selector.default.ranking[0]).toEqual({
      id: selector.default.response.id,
      confidence: selector.default.response.confidence,
      intent_response_key: "chitchat/ask_name",
    });
  });

  it("selects the weather response for a weather question", () => {
    const selector = model.parse("what's the weather like today?").response_selector as unknown as Selector;
    expect(selector.default.response.utter_action).toBe("utter_chitchat/ask_weather");
  });
});
