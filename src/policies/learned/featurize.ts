/**
 * @module policies/learned/featurize
 * Turn states → sparse feature vectors, the way Rasa's `MaxHistoryTrackerFeaturizer` +
 * `SingleStateFeaturizer` see a conversation: for each of the last `max_history` turns, one-hot intent,
 * multi-hot entities, one-hot previous action (or bot text), slot features by slot type, active loop.
 * Features are keyed by turn offset (0 = the current turn), so "intent X now" and "intent X one turn
 * ago" are different inputs. Features unseen in training are ignored at prediction time.
 */
import type { TurnState } from "../state.js";
import { SHOULD_NOT_BE_SET } from "../state.js";

export interface SparseVector {
  indices: number[];
  values: number[];
}

/** Feature names of one turn state, with their values (offset-free). */
export function stateFeatures(state: TurnState): [string, number][] {
  const out: [string, number][] = [];
  if (state.user?.intent) out.push([`intent:${state.user.intent}`, 1]);
  for (const e of state.user?.entities ?? []) out.push([`entity:${e}`, 1]);
  const prev = state.prev_action;
  if (prev?.action_name !== undefined) out.push([`action:${prev.action_name}`, 1]);
  else if (prev?.action_text !== undefined) out.push([`text:${prev.action_text}`, 1]);
  for (const [slot, feature] of Object.entries(state.slots ?? {})) {
    if (feature === SHOULD_NOT_BE_SET) continue;
    feature.forEach((v, i) => {
      if (v !== 0) out.push([`slot:${slot}:${i}`, v]);
    });
  }
  if (state.active_loop && state.active_loop.name !== SHOULD_NOT_BE_SET)
    out.push([`loop:${state.active_loop.name}`, 1]);
  return out;
}

/** Named features of the window ending at the last state. */
export function windowFeatures(states: readonly TurnState[], maxHistory: number): [string, number][] {
  const out: [string, number][] = [];
  const start = Math.max(0, states.length - maxHistory);
  for (let i = states.length - 1; i >= start; i--) {
    const offset = states.length - 1 - i;
    for (const [name, value] of stateFeatures(states[i]!)) out.push([`${offset}|${name}`, value]);
  }
  // Rasa pads short histories; a "conversation start is in view" marker plays that role here.
  if (states.length <= maxHistory) out.push([`start@${states.length - 1}`, 1]);
  return out;
}

export class Vocabulary {
  private readonly index: Map<string, number>;

  constructor(names: readonly string[] = []) {
    this.index = new Map(names.map((n, i) => [n, i]));
  }

  get size(): number {
    return this.index.size;
  }

  names(): string[] {
    return [...this.index.keys()];
  }

  /** Index of a feature, adding it when `grow` (training) is set; -1 when unknown. */
  id(name: string, grow: boolean): number {
    const known = this.index.get(name);
    if (known !== undefined) return known;
    if (!grow) return -1;
    const id = this.index.size;
    this.index.set(name, id);
    return id;
  }

  vector(features: readonly [string, number][], grow: boolean): SparseVector {
    const merged = new Map<number, number>();
    for (const [name, value] of features) {
      const id = this.id(name, grow);
      if (id >= 0) merged.set(id, value);
    }
    const indices = [...merged.keys()].sort((a, b) => a - b);
    return { indices, values: indices.map((i) => merged.get(i)!) };
  }
}
