/**
 * @module policies/ml-states
 * Turn states as story-based policies see them (Rasa's `states_for_tracker_history` with
 * `ignore_rule_only_turns`): turns logged with `hide_rule_turn` (rules no story uses) are skipped, the
 * next kept turn inherits the last story-relevant previous action, and slots/loops that only rules
 * mention are dropped. This lets a story continue after an "anytime" rule interjected.
 */
import type { Domain, Event } from "../model/index.js";
import { appliedEvents, applyEvent, initialSlotValues, initialState, latestActionName } from "../model/index.js";
import type { PredictionContext } from "./types.js";
import type { TurnState } from "./state.js";
import { activeState } from "./state.js";

function removeRuleOnly(state: TurnState, ruleOnly: NonNullable<PredictionContext["ruleOnly"]>): void {
  if (state.slots) {
    for (const s of ruleOnly.slots) delete state.slots[s];
    if (Object.keys(state.slots).length === 0) delete state.slots;
  }
  if (state.active_loop && ruleOnly.loops.includes(state.active_loop.name)) delete state.active_loop;
}

export function storyPolicyStates(
  events: readonly Event[],
  domain: Domain,
  context: PredictionContext = {},
): TurnState[] {
  const ruleOnly = context.ruleOnly ?? { slots: [], loops: [] };
  const initial = initialSlotValues(domain);
  let tracker = initialState(initial);
  const states: TurnState[] = [];
  let lastMlAction: TurnState["prev_action"] | undefined;
  let hidden = false;
  const take = (hide: boolean): void => {
    if (!hidden) lastMlAction = activeState(domain, tracker, null).prev_action;
    // Followups and the loop's own happy-path turns do not change whether we are inside a hidden stretch.
    const loopTurn = tracker.activeLoop?.name !== undefined && latestActionName(tracker) === tracker.activeLoop.name;
    if (!tracker.followupAction && !loopTurn) hidden = hide;
    if (hidden) return;
    const state = activeState(domain, tracker, null);
    removeRuleOnly(state, ruleOnly);
    const prev = states.at(-1);
    if (prev && state.prev_action?.action_name !== "action_listen") {
      if (prev.user) state.user = prev.user;
      else delete state.user;
    }
    if (lastMlAction) state.prev_action = lastMlAction;
    states.push(state);
  };
  for (const e of appliedEvents(events)) {
    if (e.event === "action") take(e.hide_rule_turn === true);
    tracker = applyEvent(tracker, e, initial);
  }
  take(false);
  return states;
}
