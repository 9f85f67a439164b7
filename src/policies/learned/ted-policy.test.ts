import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Story, StoryStep } from "../../model/index.js";
import { appendEvents } from "../../model/index.js";
import { loadPolicies, trainPolicies } from "../index.js";
import { storyTrackers } from "../story-graph.js";
import {
  FIXTURES,
  makeDomain,
  readRules,
  readStories,
  startTracker,
  trainingData,
  turn,
  userEvent,
} from "../test-helpers.js";
import { LEARNED_POLICY_DEFAULTS, LearnedPolicy } from "./ted-policy.js";

const intent = (name: string): StoryStep => ({ kind: "intent", intent: name, entities: [] });
const act = (name: string): StoryStep => ({ kind: "action", name });

const moodDir = path.join(FIXTURES, "moodbot/data");
const moodDomain = makeDomain({
  intents: ["greet", "goodbye", "affirm", "deny", "mood_great", "mood_unhappy", "bot_challenge", "chitchat"],
  responses: [
    "utter_greet",
    "utter_cheer_up",
    "utter_did_that_help",
    "utter_happy",
    "utter_goodbye",
    "utter_iamabot",
    "utter_chitchat",
  ],
});
// moodbot's stories plus a chit-chat story, so the learned policy knows how to answer chit-chat.
const moodStories: Story[] = [
  ...readStories(path.join(moodDir, "stories.yml")),
  { name: "chitchat", steps: [intent("chitchat"), act("utter_chitchat")] },
];
const moodData = trainingData(moodStories, readRules(path.join(moodDir, "rules.yml")));
const config = [
  { name: "MemoizationPolicy", max_history: 5 },
  { name: "TEDPolicy", max_history: 5, epochs: 60 },
];

describe("TEDPolicy (Confab's learned policy)", () => {
  const ensemble = trainPolicies(config, trainingData(moodStories, []), moodDomain);

  it("follows the stories where Memoization also knows the way", () => {
    let r = turn(ensemble, moodDomain, startTracker(moodDomain), "greet");
    r = turn(ensemble, moodDomain, r.tracker, "mood_unhappy");
    expect(r.actions).toEqual(["utter_cheer_up", "utter_did_that_help", "action_listen"]);
  });

  it("handles chit-chat reordered into a story, where Memoization cannot match", () => {
    let r = turn(ensemble, moodDomain, startTracker(moodDomain), "greet");
    r = turn(ensemble, moodDomain, r.tracker, "chitchat");
    expect(r.actions).toEqual(["utter_chitchat", "action_listen"]);
    r = turn(ensemble, moodDomain, r.tracker, "mood_unhappy");
    expect(r.actions).toEqual(["utter_cheer_up", "utter_did_that_help", "action_listen"]);
    expect(r.predicted[0]?.policy).toBe("policy_1_TEDPolicy");
    expect(r.predicted[0]!.confidence).toBeGreaterThan(0.5);
    expect(r.predicted[0]!.confidence).toBeLessThan(1);
    r = turn(ensemble, moodDomain, r.tracker, "deny");
    expect(r.actions).toEqual(["utter_goodbye", "action_listen"]);
  });

  it("gives /predict the winner's whole distribution, and nothing for a policy without one", () => {
    let r = turn(ensemble, moodDomain, startTracker(moodDomain), "greet");
    const chitchat = appendEvents(r.tracker, [userEvent("chitchat")]);
    const prediction = ensemble.predict(chitchat, moodDomain);
    expect(prediction).toMatchObject({ action: "utter_chitchat", policy: "policy_1_TEDPolicy" });
    const scores = ensemble.winnerScores(prediction, chitchat, moodDomain)!;
    expect(scores.get("utter_chitchat")).toBeCloseTo(prediction.confidence, 10);
    const all = [...scores.values()];
    expect(all.filter((p) => p > 0).length).toBeGreaterThan(1);
    expect(all.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // Rasa's ranking_length (default 10, more than the actions these stories use): only the top ones keep theirs.
    const json = (ensemble.members[1]!.policy as LearnedPolicy).toJSON();
    const top3 = LearnedPolicy.fromJSON({ ...json, options: { ...json.options, ranking_length: 3 } });
    const ranked = [...top3.scores(chitchat, moodDomain).values()];
    expect(ranked.filter((p) => p > 0).sort()).toEqual(
      [...all]
        .sort((a, b) => b - a)
        .slice(0, 3)
        .sort(),
    );
    r = turn(ensemble, moodDomain, startTracker(moodDomain), "greet");
    const memorised = ensemble.predict(appendEvents(r.tracker, [userEvent("mood_great")]), moodDomain);
    expect(memorised.policy).toBe("policy_0_MemoizationPolicy");
    expect(ensemble.winnerScores(memorised, r.tracker, moodDomain)).toBeNull();
  });

  it("saves and loads to the same predictions", () => {
    const loaded = loadPolicies(JSON.parse(JSON.stringify(ensemble)), moodDomain);
    let t = startTracker(moodDomain);
    for (const i of ["chitchat", "greet", "chitchat", "mood_great"]) {
      const a = turn(ensemble, moodDomain, t, i);
      const b = turn(loaded, moodDomain, t, i);
      expect(b.actions).toEqual(a.actions);
      expect(b.predicted[0]!.confidence).toBeCloseTo(a.predicted[0]!.confidence, 4);
      t = a.tracker;
    }
  });

  it("is reproducible: the same data and seed give the same confidences", () => {
    const again = trainPolicies(config, trainingData(moodStories, []), moodDomain);
    const t = appendEvents(startTracker(moodDomain), [userEvent("chitchat")]);
    expect(again.predict(t, moodDomain).confidence).toBe(ensemble.predict(t, moodDomain).confidence);
  });

  it("respects epochs: one epoch leaves it unsure where 60 make it confident", () => {
    const greeted = turn(ensemble, moodDomain, startTracker(moodDomain), "greet").tracker;
    const asked = appendEvents(greeted, [userEvent("mood_unhappy")]);
    const trained = (epochs: number) =>
      LearnedPolicy.train(
        { ...LEARNED_POLICY_DEFAULTS, epochs, augmentation_factor: 5, hidden_units: 32, random_seed: 1 },
        storyTrackers(moodStories, moodDomain),
        moodDomain,
      ).predict(asked, moodDomain)!;
    expect(trained(60).action).toBe("utter_cheer_up");
    expect(trained(1).confidence).toBeLessThan(trained(60).confidence - 0.2);
  });

  it("gives way to the core fallback below core_fallback_threshold", () => {
    const e = trainPolicies(
      [
        { name: "TEDPolicy", epochs: 60 },
        { name: "RulePolicy", core_fallback_threshold: 0.999 },
      ],
      moodData,
      moodDomain,
    );
    const r = turn(e, moodDomain, startTracker(moodDomain), "affirm");
    expect(r.predicted[0]).toMatchObject({ action: "action_default_fallback", policy: "policy_1_RulePolicy" });
  });

  it("is what an empty policies list trains (with Memoization and Rule, like Rasa's defaults)", () => {
    const e = trainPolicies([], moodData, moodDomain);
    expect(e.members.map((m) => m.policy.name)).toEqual(["MemoizationPolicy", "RulePolicy", "TEDPolicy"]);
  });

  it("trains a 300-story assistant in seconds", () => {
    const intents = Array.from({ length: 40 }, (_, i) => `intent_${i}`);
    const responses = Array.from({ length: 60 }, (_, i) => `utter_${i}`);
    const domain = makeDomain({ intents, responses });
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const stories: Story[] = Array.from({ length: 300 }, (_, s) => ({
      name: `story ${s}`,
      steps: Array.from({ length: 4 + rnd(4) }, () => [intent(intents[rnd(40)]!), act(responses[rnd(60)]!)]).flat(),
    }));
    const started = performance.now();
    trainPolicies([{ name: "TEDPolicy", max_history: 5, epochs: 100 }], trainingData(stories, []), domain);
    const seconds = (performance.now() - started) / 1000;
    console.log(`TEDPolicy: 300 random stories, 100 epochs: ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(15);
  });
});
