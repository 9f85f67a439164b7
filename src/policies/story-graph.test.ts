import { describe, expect, it } from "vitest";
import type { Event, Story, StoryStep } from "../model/index.js";
import { conversationStates } from "./state.js";
import { linearStories, ruleTrackers, storyTrackers } from "./story-graph.js";
import { makeDomain } from "./test-helpers.js";

const intent = (name: string): StoryStep => ({ kind: "intent", intent: name, entities: [] });
const act = (name: string): StoryStep => ({ kind: "action", name });
const cp = (name: string): StoryStep => ({ kind: "checkpoint", name });
const names = (events: Event[]) =>
  events.map((e) =>
    e.event === "user" && "name" in e.parse_data.intent
      ? `*${e.parse_data.intent.name}`
      : e.event === "action"
        ? e.name
        : e.event,
  );

const domain = makeDomain({ intents: ["greet", "affirm", "thankyou", "deny"], responses: ["utter_greet", "utter_ok"] });

describe("story graph", () => {
  it("listens before each user turn and at the end of a story", () => {
    const [t] = storyTrackers([{ name: "s", steps: [intent("greet"), act("utter_greet"), act("utter_ok")] }], domain);
    expect(names(t!.events)).toEqual(["action_listen", "*greet", "utter_greet", "utter_ok", "action_listen"]);
  });

  it("expands `or` steps into one path per alternative", () => {
    const story: Story = {
      name: "s",
      steps: [{ kind: "or", alternatives: [intent("affirm"), intent("thankyou")] }, act("utter_ok")],
    };
    const paths = storyTrackers([story], domain).map((t) => names(t.events)[1]);
    expect(paths).toEqual(["*affirm", "*thankyou"]);
  });

  it("glues stories together at checkpoints, once per continuation", () => {
    const stories: Story[] = [
      { name: "start", steps: [intent("greet"), act("utter_greet"), cp("asked")] },
      { name: "yes", steps: [cp("asked"), intent("affirm"), act("utter_ok")] },
      { name: "no", steps: [cp("asked"), intent("deny"), act("utter_greet")] },
      { name: "orphan", steps: [cp("never"), intent("deny")] },
    ];
    const paths = linearStories(stories);
    expect(paths.map((p) => p.name)).toEqual(["start > yes", "start > no"]);
    expect(
      paths[0]!.steps.map((s) => (s.kind === "intent" ? s.intent : s.kind === "action" ? s.name : s.kind)),
    ).toEqual(["greet", "utter_greet", "affirm", "utter_ok"]);
  });

  it("stops following a checkpoint loop", () => {
    const stories: Story[] = [
      { name: "a", steps: [intent("greet"), cp("loop")] },
      { name: "b", steps: [cp("loop"), act("utter_ok"), cp("loop")] },
    ];
    const paths = linearStories(stories);
    expect(paths).toHaveLength(1);
    expect(paths[0]!.steps.length).toBeLessThan(30);
  });

  it("starts rules with the `...` snippet unless conversation_start, and ends them per wait_for_user_input", () => {
    const base = { condition: [], steps: [intent("greet"), act("utter_greet")] };
    const [normal, start, open] = ruleTrackers(
      [
        { ...base, name: "n", conversation_start: false, wait_for_user_input: true },
        { ...base, name: "s", conversation_start: true, wait_for_user_input: true },
        { ...base, name: "o", conversation_start: false, wait_for_user_input: false },
      ],
      domain,
    );
    expect(names(normal!.events)).toEqual(["...", "action_listen", "*greet", "utter_greet", "action_listen"]);
    expect(names(start!.events)).toEqual(["action_listen", "*greet", "utter_greet", "action_listen"]);
    expect(names(open!.events)).toEqual(["...", "action_listen", "*greet", "utter_greet", "..."]);
  });

  it("turns `null` in rules into 'must not be set'", () => {
    const [t] = ruleTrackers(
      [
        {
          name: "r",
          conversation_start: false,
          wait_for_user_input: true,
          condition: [{ kind: "active_loop", name: null }],
          steps: [intent("greet"), act("utter_greet")],
        },
      ],
      domain,
    );
    expect(t!.events[1]).toMatchObject({ event: "active_loop", name: "should_not_be_set" });
  });
});

describe("turn states", () => {
  const slotsDomain = makeDomain({
    intents: ["greet"],
    responses: ["utter_greet"],
    slots: [
      { name: "name", type: "text", initial_value: null, influence_conversation: true, mappings: [] },
      { name: "hidden", type: "text", initial_value: null, influence_conversation: false, mappings: [] },
      { name: "flag", type: "bool", initial_value: false, influence_conversation: true, mappings: [] },
      {
        name: "level",
        type: "categorical",
        values: ["low", "high"],
        initial_value: null,
        influence_conversation: true,
        mappings: [],
      },
      {
        name: "temp",
        type: "float",
        min_value: 0,
        max_value: 10,
        initial_value: null,
        influence_conversation: true,
        mappings: [],
      },
    ],
  });

  it("featurises slots by type and skips those that do not influence the conversation", () => {
    const states = conversationStates(
      [
        { event: "action", timestamp: 0, name: "action_listen", policy: null, confidence: null },
        { event: "slot", timestamp: 0, name: "name", value: "Ann" },
        { event: "slot", timestamp: 0, name: "hidden", value: "x" },
        { event: "slot", timestamp: 0, name: "level", value: "HIGH" },
        { event: "slot", timestamp: 0, name: "temp", value: 25 },
      ],
      slotsDomain,
    );
    expect(states[0]).toEqual({ slots: { flag: [1, 0] } });
    expect(states[1]).toEqual({
      prev_action: { action_name: "action_listen" },
      slots: { name: [1], flag: [1, 0], level: [0, 1, 0], temp: [1, 1] },
    });
  });
});
