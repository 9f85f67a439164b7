/**
 * @module policies/ml-states
 * Turn states as story-based policies see them (Rasa's `states_for_tracker_history` with
 * `ignore_rule_only_turns`): turns logged with `hide_rule_turn` (rules no story uses) are skipped, the
 * next kept turn inherits the last story-relevant previous action, and slots/loops that only rules
 * mention are dropped. This lets a story continue after an "anytime" rule interjected.
 */
import type { Domain, Event, Tracker, TrackerState } from "../model/index.js";
import { ACTION_LISTEN, createTracker, initialSlotValues, latestActionName, turnTimeline } from "../model/index.js";
import type { PredictionContext } from "./types.js";
import type { TurnState } from "./state.js";
import { activeState, prevActionOf } from "./state.js";

function removeRuleOnly(state: TurnState, ruleOnly: NonNullable<PredictionContext["ruleOnly"]>): void {
  if (state.slots) {
    for (const s of ruleOnly.slots) delete state.slots[s];
    if (Object.keys(state.slots).length === 0) delete state.slots;
  }
  if (state.active_loop && ruleOnly.loops.includes(state.active_loop.name)) delete state.active_loop;
}

/** A turn kept for story policies, before featurisation: the tracker state at that moment and the state whose latest action it shows. */
interface KeptTurn {
  state: TrackerState;
  shows: TrackerState;
}

/** The turns story policies see, the current one last, not yet featurised (see `storyTurns`). */
export type StoryTurns = readonly KeptTurn[];

/**
 * Visits the conversation's turns as story policies see them, oldest first, hidden rule turns left out, until `keep`
 * returns `false`. Each kept turn shows the latest action of the last turn that was not hidden (the last
 * story-relevant one).
 */
function walkStoryTurns(tracker: Tracker, keep: (state: TrackerState, shows: TrackerState) => boolean): void {
  const timeline = turnTimeline(tracker);
  let shows = tracker.state;
  let hidden = false;
  // One plain loop over the timeline and then the current state: every prediction walks here, so no closure per walk.
  for (let i = 0; i <= timeline.length; i++) {
    const current = i === timeline.length;
    const turn = current ? null : timeline.turn(i);
    const state = turn ? turn.before : tracker.state;
    if (!hidden) shows = state;
    // Followups and the loop's own happy-path turns do not change whether we are inside a hidden stretch.
    const loop = state.activeLoop?.name;
    const loopTurn = loop !== undefined && latestActionName(state) === loop;
    if (!state.followupAction && !loopTurn) hidden = turn?.action.hide_rule_turn === true;
    if (!hidden && !keep(state, shows)) return;
  }
}

/**
 * The conversation's turns as story policies see them. The walk over the tracker's timeline is cheap (no
 * featurisation, no event replay), so a policy can look at how many turns there are before it pays for featurising
 * the ones it looks at (`featuriseStoryTurns`).
 */
export function storyTurns(tracker: Tracker): StoryTurns {
  const kept: KeptTurn[] = [];
  walkStoryTurns(tracker, (state, shows) => {
    kept.push({ state, shows });
    return true;
  });
  return kept;
}

/**
 * How many turns `storyTurns` would return, without building them (every prediction asks), counting no further than
 * `upTo`: a policy that only needs to know whether there are more than its longest story stops there.
 */
export function storyTurnCount(tracker: Tracker, upTo = Infinity): number {
  let count = 0;
  walkStoryTurns(tracker, () => ++count < upTo);
  return count;
}

/** The states of the last `last` story turns (all by default), the current one last. */
export function featuriseStoryTurns(
  turns: StoryTurns,
  domain: Domain,
  context: PredictionContext = {},
  last = Infinity,
): TurnState[] {
  return featurise(turns, Math.max(0, turns.length - last), domain, context.ruleOnly ?? { slots: [], loops: [] });
}

/** The story-policy states of the conversation, the current one last; only the last `last` (all by default). */
export function trackerStoryStates(
  tracker: Tracker,
  domain: Domain,
  context: PredictionContext = {},
  last = Infinity,
): TurnState[] {
  return featuriseStoryTurns(storyTurns(tracker), domain, context, last);
}

/** `trackerStoryStates` of a bare event list (training stories, the augmented memoization's tails). */
export function storyPolicyStates(
  events: readonly Event[],
  domain: Domain,
  context: PredictionContext = {},
  last = Infinity,
): TurnState[] {
  return trackerStoryStates(createTracker("", initialSlotValues(domain), events), domain, context, last);
}

/**
 * Turn states for `kept[from..]`. A turn that does not follow `action_listen` shows the user part of the turn
 * before it (the user has not spoken since), so that part may come from turns before `from`.
 */
function featurise(
  kept: readonly KeptTurn[],
  from: number,
  domain: Domain,
  ruleOnly: NonNullable<PredictionContext["ruleOnly"]>,
): TurnState[] {
  const states: TurnState[] = [];
  for (let i = from; i < kept.length; i++) {
    const turn = kept[i]!;
    const state = activeState(domain, turn.state, null);
    removeRuleOnly(state, ruleOnly);
    if (i > 0 && state.prev_action?.action_name !== ACTION_LISTEN) {
      const user = i > from ? states.at(-1)!.user : userBefore(kept, i, domain);
      if (user) state.user = user;
      else delete state.user;
    }
    const shown = prevActionOf(turn.shows);
    if (shown) state.prev_action = shown;
    states.push(state);
  }
  return states;
}

/** The user part shown by turn `i - 1`: its own if it follows `action_listen` (or starts), else inherited. */
function userBefore(kept: readonly KeptTurn[], i: number, domain: Domain): TurnState["user"] {
  let j = i - 1;
  while (j > 0 && latestActionName(kept[j]!.state) !== ACTION_LISTEN) j--;
  return activeState(domain, kept[j]!.state, null).user;
}
