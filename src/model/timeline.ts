/**
 * @module model/timeline
 * The tracker state just before each action of the applied events, in order: what dialogue policies turn into
 * per-turn states (Rasa's `states_for_tracker_history` walks the same points). Trackers keep it as they grow, so a
 * prediction reads the turns it needs instead of replaying the whole conversation, and `undo` / `rewind` go back to
 * an earlier turn instead of replaying it.
 */
import type { ActionExecuted } from "./events.js";
import type { TrackerState } from "./tracker-state.js";

/** One applied action and where the conversation stood just before it. */
export interface Turn {
  /** The tracker state just before the action. */
  before: TrackerState;
  action: ActionExecuted;
  /** How many applied actions came before the latest applied user message, at this point (-1: no user message). */
  userTurn: number;
  /** How many applied events came before the action. */
  appliedBefore: number;
}

export class TurnTimeline {
  // Appending trackers share storage: a timeline owns the first `length` entries, and only the newest timeline on
  // the storage appends in place (an older or cut one that grows again copies its part first).
  private constructor(
    private readonly turns: Turn[],
    readonly length: number,
  ) {}

  static empty(): TurnTimeline {
    return new TurnTimeline([], 0);
  }

  /** Turn `i`, oldest first. */
  turn(i: number): Turn {
    if (i < 0 || i >= this.length) throw new RangeError(`turn ${i} is not in the timeline (length ${this.length})`);
    return this.turns[i]!;
  }

  /** The tracker state just before action `i` ran. */
  stateBefore(i: number): TrackerState {
    return this.turn(i).before;
  }

  /** The `i`-th applied action. */
  action(i: number): ActionExecuted {
    return this.turn(i).action;
  }

  /** This timeline with one more action. */
  extendedWith(turn: Turn): TurnTimeline {
    const turns = this.turns.length === this.length ? this.turns : this.turns.slice(0, this.length);
    turns.push(turn);
    return new TurnTimeline(turns, this.length + 1);
  }

  /** The first `length` turns (what is left after history went back to before turn `length`). */
  cut(length: number): TurnTimeline {
    if (length < 0 || length > this.length)
      throw new RangeError(`cannot cut a timeline of ${this.length} to ${length}`);
    return new TurnTimeline(this.turns, length);
  }
}
