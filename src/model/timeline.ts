/**
 * @module model/timeline
 * The tracker state just before each action of the applied events, in order: what dialogue policies turn into
 * per-turn states (Rasa's `states_for_tracker_history` walks the same points). Trackers keep it as they grow, so a
 * prediction reads the turns it needs instead of replaying the whole conversation.
 */
import type { ActionExecuted } from "./events.js";
import type { TrackerState } from "./tracker-state.js";

export class TurnTimeline {
  // Appending trackers share storage: a timeline owns the first `length` entries, and only the newest timeline on
  // the storage appends in place (an older one that grows again copies its part first).
  private constructor(
    private readonly befores: TrackerState[],
    private readonly actions: ActionExecuted[],
    readonly length: number,
  ) {}

  static empty(): TurnTimeline {
    return new TurnTimeline([], [], 0);
  }

  /** The tracker state just before action `i` ran. */
  stateBefore(i: number): TrackerState {
    if (i < 0 || i >= this.length) throw new RangeError(`turn ${i} is not in the timeline (length ${this.length})`);
    return this.befores[i]!;
  }

  /** The `i`-th applied action. */
  action(i: number): ActionExecuted {
    if (i < 0 || i >= this.length) throw new RangeError(`turn ${i} is not in the timeline (length ${this.length})`);
    return this.actions[i]!;
  }

  /** This timeline with more actions, each with the state just before it. */
  extendedWith(turns: readonly { before: TrackerState; action: ActionExecuted }[]): TurnTimeline {
    if (turns.length === 0) return this;
    const newest = this.befores.length === this.length;
    const befores = newest ? this.befores : this.befores.slice(0, this.length);
    const actions = newest ? this.actions : this.actions.slice(0, this.length);
    for (const t of turns) {
      befores.push(t.before);
      actions.push(t.action);
    }
    return new TurnTimeline(befores, actions, this.length + turns.length);
  }
}
