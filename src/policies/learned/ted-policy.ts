/**
 * @module policies/learned/ted-policy
 * Confab's learned dialogue policy, configured as `TEDPolicy` (`rasa-protocol.md` §8.3). It featurises the
 * last `max_history` turn states like Rasa's state featurizer and trains a small neural classifier over the
 * next action. Training uses the stories (not rules, as TED), plus augmented trackers that glue random
 * stories together (Rasa's `--augmentation`), so a story's opening also generalises mid-conversation.
 * Prediction skips hidden rule turns like the other story-based policies; its confidence is the softmax
 * probability of the winning action.
 */
import type { Domain, Event, Tracker } from "../../model/index.js";
import { ACTION_LISTEN, allActionNames } from "../../model/index.js";
import type { Policy, PredictionContext } from "../types.js";
import { trackerStoryStates } from "../ml-states.js";
import type { TrainingTracker } from "../story-graph.js";
import { statesAndActions } from "../state.js";
import { Vocabulary, windowFeatures } from "./featurize.js";
import type { MlpJSON, Sample } from "./mlp.js";
import { Mlp, seededRandom } from "./mlp.js";

export const TED_PRIORITY = 1;

/** Indices of `p`, most probable first. */
function rankedIndices(p: ArrayLike<number>): number[] {
  return Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b]! - p[a]!);
}

export interface LearnedPolicyOptions {
  max_history: number;
  epochs: number;
  priority: number;
  /** Glued story trackers per training story (Rasa's `augmentation_factor`, scaled down). */
  augmentation_factor: number;
  hidden_units: number;
  learning_rate: number;
  random_seed: number;
  /** How many of the most likely actions keep their probability; the rest score 0 (Rasa's default 10; 0: all). */
  ranking_length: number;
}

export const LEARNED_POLICY_DEFAULTS: LearnedPolicyOptions = {
  max_history: 5,
  epochs: 100,
  priority: TED_PRIORITY,
  augmentation_factor: 20,
  hidden_units: 32,
  learning_rate: 0.01,
  random_seed: 42,
  ranking_length: 10,
};

export interface LearnedPolicyJSON {
  type: "TEDPolicy";
  options: LearnedPolicyOptions;
  features: string[];
  actions: string[];
  network: MlpJSON | null;
}

/** Glued trackers beyond this share of the stories add training time but little generalisation. */
const MAX_AUGMENTED_PER_STORY = 2;
const MIN_AUGMENTED = 100;

/** Indices of the `action_listen` events that precede a user message: where a story can be interrupted. */
function userTurnStarts(events: readonly Event[]): number[] {
  const out: number[] = [];
  events.forEach((e, i) => {
    if (e.event === "action" && e.name === ACTION_LISTEN && events[i + 1]?.event === "user") out.push(i);
  });
  return out;
}

/**
 * Augmented trackers: story B played after story A (Rasa's glued stories), or inserted into A at a user
 * turn, A resuming afterwards, which teaches the classifier that an interjection does not change what
 * the user's next message asks for.
 */
function augmentedTrackers(stories: readonly TrainingTracker[], factor: number, random: () => number): Event[][] {
  if (stories.length < 2 || factor <= 0) return [];
  const count = Math.min(stories.length * factor, Math.max(MIN_AUGMENTED, stories.length * MAX_AUGMENTED_PER_STORY));
  const pick = () => stories[Math.floor(random() * stories.length)]!.events;
  const out: Event[][] = [];
  for (let i = 0; i < count; i++) {
    const a = pick();
    const b = pick();
    const starts = userTurnStarts(a);
    if (random() < 0.5 || starts.length < 2) {
      out.push([...a, ...b]);
      continue;
    }
    const at = starts[1 + Math.floor(random() * (starts.length - 1))]!;
    out.push([...a.slice(0, at), ...b, ...a.slice(at + 1)]);
  }
  return out;
}

export class LearnedPolicy implements Policy {
  readonly name = "TEDPolicy";
  readonly priority: number;

  constructor(
    readonly options: LearnedPolicyOptions,
    private readonly vocabulary: Vocabulary,
    private readonly actions: string[],
    private readonly network: Mlp | null,
  ) {
    this.priority = options.priority;
  }

  static train(options: LearnedPolicyOptions, trackers: readonly TrainingTracker[], domain: Domain): LearnedPolicy {
    const stories = trackers.filter((t) => !t.isRule);
    const random = seededRandom(options.random_seed);
    const vocabulary = new Vocabulary();
    const actions: string[] = [];
    const actionIds = new Map<string, number>();
    const unique = new Map<string, Sample>();
    const runnable = new Set([ACTION_LISTEN, ...allActionNames(domain)]);
    const augmented = augmentedTrackers(stories, options.augmentation_factor, random);
    let storySamples = 0;
    for (const [n, events] of [...stories.map((s) => s.events), ...augmented].entries()) {
      if (n === stories.length) storySamples = unique.size;
      // Augmentation helps small projects most; for big ones it would only multiply the training time.
      if (n > stories.length && unique.size > 2 * storySamples + 200) break;
      const { states, actions: gold } = statesAndActions(events, domain);
      gold.forEach((action, i) => {
        // e2e `bot:` turns carry text, not an action the processor could run.
        if (!runnable.has(action)) return;
        const x = vocabulary.vector(windowFeatures(states.slice(0, i + 1), options.max_history), true);
        let label = actionIds.get(action);
        if (label === undefined) {
          label = actions.length;
          actions.push(action);
          actionIds.set(action, label);
        }
        const key = `${label}|${x.indices.join(",")}|${x.values.join(",")}`;
        const known = unique.get(key);
        if (known) known.weight += 1;
        else unique.set(key, { x, label, weight: 1 });
      });
    }
    const samples = [...unique.values()];
    if (samples.length === 0 || actions.length === 0) return new LearnedPolicy(options, vocabulary, actions, null);
    const network = Mlp.create(vocabulary.size, options.hidden_units, actions.length, random);
    // Small data gets smaller batches, so every epoch still makes a few optimiser steps.
    const batchSize = Math.max(1, Math.min(32, Math.ceil(samples.length / 16)));
    network.train(samples, {
      epochs: options.epochs,
      hidden: options.hidden_units,
      learningRate: options.learning_rate,
      batchSize,
      seed: options.random_seed,
      l2: 1e-5,
    });
    return new LearnedPolicy(options, vocabulary, actions, network);
  }

  static fromJSON(json: LearnedPolicyJSON): LearnedPolicy {
    return new LearnedPolicy(
      { ...LEARNED_POLICY_DEFAULTS, ...json.options },
      new Vocabulary(json.features),
      [...json.actions],
      json.network ? Mlp.fromJSON(json.network) : null,
    );
  }

  /** The network's probability of each of `this.actions` for the tracker's current turn (null: not trained). */
  private probabilities(tracker: Tracker, domain: Domain, context: PredictionContext): ArrayLike<number> | null {
    if (!this.network) return null;
    // One turn more than max_history: windowFeatures tells "the conversation start is in view" by the count.
    const states = trackerStoryStates(tracker, domain, context, this.options.max_history + 1);
    return this.network.probabilities(this.vocabulary.vector(windowFeatures(states, this.options.max_history), false));
  }

  /**
   * Every known action's probability as `/predict` shows it: Rasa's `rank_and_mask`, only the top `ranking_length`
   * keep theirs (not renormalised). Turns only need the winner (`predict`), so they skip the ranking.
   */
  scores(tracker: Tracker, domain: Domain, context: PredictionContext = {}): Map<string, number> {
    const out = new Map<string, number>();
    const p = this.probabilities(tracker, domain, context);
    if (!p) return out;
    const cut = this.options.ranking_length;
    const kept = cut > 0 && cut < p.length ? new Set(rankedIndices(p).slice(0, cut)) : null;
    this.actions.forEach((a, i) => out.set(a, !kept || kept.has(i) ? p[i]! : 0));
    return out;
  }

  predict(
    tracker: Tracker,
    domain: Domain,
    context: PredictionContext = {},
  ): { action: string; confidence: number } | null {
    const p = this.probabilities(tracker, domain, context);
    if (!p) return null;
    let best: { action: string; confidence: number } | null = null;
    this.actions.forEach((action, i) => {
      const confidence = p[i]!;
      if (!best || confidence > best.confidence) best = { action, confidence };
    });
    return best;
  }

  toJSON(): LearnedPolicyJSON {
    return {
      type: "TEDPolicy",
      options: this.options,
      features: this.vocabulary.names(),
      actions: this.actions,
      network: this.network ? this.network.toJSON() : null,
    };
  }
}
