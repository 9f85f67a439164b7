import { describe, expect, it } from "vitest";
import { createTracker } from "../model/index.js";
import { predictResult } from "./routes/conversation.js";
import { moodbotModel } from "./test-helpers.js";

describe("predictResult (the body of /predict)", () => {
  const domain = moodbotModel().domain;
  const tracker = createTracker("default", {}, []);
  const prediction = { action: "utter_greet", confidence: 0.7, policy: "policy_2_TEDPolicy", events: [] };

  it("scores every domain action from the winner's distribution, most likely first", () => {
    const distribution = new Map([
      ["utter_greet", 0.7],
      ["utter_happy", 0.2],
      ["action_listen", 0.1],
    ]);
    const { scores, confidence, policy } = predictResult(domain, prediction, tracker, "AFTER_RESTART", distribution);
    expect(scores.slice(0, 3)).toEqual([
      { action: "utter_greet", score: 0.7 },
      { action: "utter_happy", score: 0.2 },
      { action: "action_listen", score: 0.1 },
    ]);
    expect(scores.slice(3).every((s) => s.score === 0)).toBe(true);
    expect(scores.length).toBeGreaterThan(10);
    expect({ confidence, policy }).toEqual({ confidence: 0.7, policy: "policy_2_TEDPolicy" });
  });

  it("scores only the predicted action when the winner has no distribution (rules, memoization)", () => {
    const { scores } = predictResult(domain, prediction, tracker);
    expect(scores.filter((s) => s.score > 0)).toEqual([{ action: "utter_greet", score: 0.7 }]);
  });
});
