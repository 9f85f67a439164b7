import { describe, expect, it } from "vitest";
import type { Domain, Story, StoryStep, Tracker } from "../model/index.js";
import { appendEvents } from "../model/index.js";
import { PolicyConfigError, loadPolicies, trainPolicies } from "./index.js";
import { actionEvent, makeDomain, startTracker, trainingData, userEvent } from "./test-helpers.js";

const intent = (name: string): StoryStep => ({ kind: "intent", intent: name, entities: [] });
const act = (name: string): StoryStep => ({ kind: "action", name });

const domain = makeDomain({
  intents: ["greet", "ask", "affirm", "deny", "chitchat"],
  responses: ["utter_greet", "utter_answer", "utter_a", "utter_b", "utter_chitchat"],
});

/** Plays user intents, feeding back the given bot actions, and returns the tracker. */
function play(d: Domain, turns: [string, string[]][]): Tracker {
  let t = startTracker(d);
  for (const [i, actions] of turns) {
    t = appendEvents(t, [userEvent(i), ...actions.map((a) => actionEvent(a)), actionEvent("action_listen")]);
  }
  return t;
}
const ask = (t: Tracker, i: string) => appendEvents(t, [userEvent(i)]);

describe("MemoizationPolicy", () => {
  const stories: Story[] = [
    { name: "s1", steps: [intent("greet"), act("utter_greet"), intent("ask"), act("utter_a")] },
    { name: "s2", steps: [intent("chitchat"), act("utter_chitchat"), intent("ask"), act("utter_b")] },
  ];

  it("with max_history None, the whole history decides", () => {
    const e = trainPolicies([{ name: "MemoizationPolicy" }], trainingData(stories, []), domain);
    const p = e.predict(ask(play(domain, [["greet", ["utter_greet"]]]), "ask"), domain);
    expect(p).toMatchObject({ action: "utter_a", confidence: 1, policy: "policy_0_MemoizationPolicy" });
    expect(e.predict(ask(play(domain, [["chitchat", ["utter_chitchat"]]]), "ask"), domain).action).toBe("utter_b");
    // An unseen prefix: nothing memorised, no RulePolicy configured → the default core fallback.
    const unseen = ask(
      play(domain, [
        ["deny", ["utter_a"]],
        ["greet", ["utter_greet"]],
      ]),
      "ask",
    );
    expect(e.predict(unseen, domain)).toMatchObject({ action: "action_default_fallback", confidence: 0.3 });
  });

  it("with max_history 2, only the last turns count", () => {
    const e = trainPolicies([{ name: "MemoizationPolicy", max_history: 2 }], trainingData(stories, []), domain);
    const t = ask(
      play(domain, [
        ["deny", ["utter_a"]],
        ["greet", ["utter_greet"]],
      ]),
      "ask",
    );
    expect(e.predict(t, domain).action).toBe("utter_a");
  });

  it("forgets windows that lead to different actions", () => {
    const conflicting: Story[] = [
      { name: "x", steps: [intent("ask"), act("utter_a")] },
      { name: "y", steps: [intent("ask"), act("utter_b")] },
    ];
    const e = trainPolicies([{ name: "MemoizationPolicy" }], trainingData(conflicting, []), domain);
    expect(e.predict(ask(startTracker(domain), "ask"), domain).action).toBe("action_default_fallback");
  });

  it("AugmentedMemoizationPolicy recalls a known tail after an unknown beginning", () => {
    const plain = trainPolicies([{ name: "MemoizationPolicy" }], trainingData(stories, []), domain);
    const aug = trainPolicies([{ name: "AugmentedMemoizationPolicy" }], trainingData(stories, []), domain);
    // An unknown opening turn, then exactly story s1's turns.
    const t = ask(
      play(domain, [
        ["deny", ["utter_b"]],
        ["greet", ["utter_greet"]],
      ]),
      "ask",
    );
    expect(plain.predict(t, domain).action).toBe("action_default_fallback");
    expect(aug.predict(t, domain)).toMatchObject({ action: "utter_a", policy: "policy_0_AugmentedMemoizationPolicy" });
  });

  it("ignores rules", () => {
    const rules = [
      {
        name: "r",
        steps: [intent("ask"), act("utter_answer")],
        condition: [],
        conversation_start: false,
        wait_for_user_input: true,
      },
    ];
    const e = trainPolicies([{ name: "MemoizationPolicy" }], trainingData([], rules), domain);
    expect(e.predict(ask(startTracker(domain), "ask"), domain).action).toBe("action_default_fallback");
  });
});

describe("ensemble and config", () => {
  it("warns once per unsupported or custom policy and keeps config indices in names", () => {
    const warnings: string[] = [];
    const e = trainPolicies(
      [
        { name: "UnexpecTEDIntentPolicy" },
        { name: "my_module.MyPolicy" },
        { name: "UnexpecTEDIntentPolicy", max_history: 3 },
        { name: "RulePolicy" },
      ],
      trainingData([], []),
      domain,
      { warn: (m) => warnings.push(m) },
    );
    expect(warnings).toHaveLength(2);
    expect(warnings.join("\n")).toMatch(/UnexpecTEDIntentPolicy[\s\S]*my_module\.MyPolicy/);
    expect(e.predict(ask(startTracker(domain), "restart"), domain).policy).toBe("policy_3_RulePolicy");
  });

  it("rejects unknown and removed policy names, and bad options, with clear errors", () => {
    const empty = trainingData([], []);
    expect(() => trainPolicies([{ name: "MagicPolicy" }], empty, domain)).toThrow(PolicyConfigError);
    expect(() => trainPolicies([{ name: "MappingPolicy" }], empty, domain)).toThrow(/RulePolicy/);
    expect(() => trainPolicies([{ name: "MemoizationPolicy", max_history: -1 }], empty, domain)).toThrow(/max_history/);
    expect(() => trainPolicies([{ name: "RulePolicy", core_fallback_threshold: "high" }], empty, domain)).toThrow(
      /core_fallback_threshold/,
    );
    expect(() => loadPolicies({ nope: true }, domain)).toThrow(PolicyConfigError);
  });

  it("a priority option changes who wins a tie", () => {
    const stories: Story[] = [{ name: "s", steps: [intent("ask"), act("utter_a")] }];
    const rules = [
      {
        name: "r",
        steps: [intent("ask"), act("utter_a")],
        condition: [],
        conversation_start: false,
        wait_for_user_input: true,
      },
    ];
    const data = trainingData(stories, rules);
    const byDefault = trainPolicies([], data, domain).predict(ask(startTracker(domain), "ask"), domain);
    expect(byDefault.policy).toBe("policy_1_RulePolicy");
    const memoFirst = trainPolicies([{ name: "MemoizationPolicy", priority: 7 }, { name: "RulePolicy" }], data, domain);
    expect(memoFirst.predict(ask(startTracker(domain), "ask"), domain).policy).toBe("policy_0_MemoizationPolicy");
  });

  it("enable_fallback_prediction: false leaves the bot listening instead of falling back", () => {
    const e = trainPolicies([{ name: "RulePolicy", enable_fallback_prediction: false }], trainingData([], []), domain);
    expect(e.predict(ask(startTracker(domain), "ask"), domain)).toMatchObject({
      action: "action_listen",
      confidence: 0,
    });
  });

  it("predicts with a hash lookup: thousands of stories and rules stay fast", () => {
    const intents = Array.from({ length: 200 }, (_, i) => `i${i}`);
    const responses = Array.from({ length: 200 }, (_, i) => `utter_${i}`);
    const big = makeDomain({ intents, responses });
    const stories: Story[] = [];
    for (let i = 0; i < 2000; i++) {
      const steps: StoryStep[] = [];
      for (let k = 0; k < 5; k++) steps.push(intent(`i${(i * 7 + k * 13) % 200}`), act(`utter_${(i + k) % 200}`));
      stories.push({ name: `s${i}`, steps });
    }
    const rules = intents.map((i, n) => ({
      name: `r${n}`,
      steps: [act(`utter_${n}`), intent(i), act(`utter_${(n + 1) % 200}`)],
      condition: [],
      conversation_start: false,
      wait_for_user_input: false,
    }));
    const e = trainPolicies(
      [{ name: "MemoizationPolicy" }, { name: "RulePolicy", check_for_contradictions: false }],
      trainingData(stories, rules),
      big,
    );
    let t = startTracker(big);
    for (let k = 0; k < 4; k++)
      t = appendEvents(t, [userEvent(`i${(k * 13) % 200}`), actionEvent(`utter_${k}`), actionEvent("action_listen")]);
    t = appendEvents(t, [userEvent(`i${(4 * 13) % 200}`)]);
    const start = performance.now();
    for (let n = 0; n < 200; n++) expect(e.predict(t, big).action).toBe("utter_4");
    expect((performance.now() - start) / 200).toBeLessThan(5);
    // Round trip keeps the same answers.
    expect(loadPolicies(JSON.parse(JSON.stringify(e.toJSON())), big).predict(t, big).action).toBe("utter_4");
  });
});
