/**
 * @module model/applied-events
 * Rasa's `applied_events()`: the events that still count after restarts, session starts, `undo`, `rewind` and
 * repeated loop executions rewrote history.
 */
import type { Event } from "./events.js";

/** Names of loops (forms) ever activated: their repeated executions rewrite applied history. */
export function loopNames(events: readonly Event[]): Set<string> {
  const names = new Set<string>();
  for (const e of events) if (e.event === "active_loop" && e.name) names.add(e.name);
  return names;
}

/** Pops events from the end up to and including the last one of `type`. */
function undoTillPrevious(type: Event["event"], done: Event[]): void {
  while (done.length > 0) {
    const e = done.pop();
    if (e?.event === type) return;
  }
}

function isWithinUnhappyPath(loopName: string, e: Event, nextAction: string | null): boolean {
  const rejected = e.event === "action_execution_rejected" && e.name === loopName;
  const otherActionAfterUser = e.event === "user" && nextAction !== null && nextAction !== loopName;
  return rejected || otherActionAfterUser;
}

function firstLoopExecutionOrUnhappyPath(loopName: string, applied: readonly Event[]): boolean {
  let nextAction: string | null = null;
  for (let i = applied.length - 1; i >= 0; i--) {
    const e = applied[i]!;
    if (e.event === "active_loop" && e.name === null) return true;
    if (isWithinUnhappyPath(loopName, e, nextAction)) return true;
    if (e.event === "action") {
      if (e.name === loopName) return false;
      nextAction = e.name;
    }
  }
  return true;
}

function undoTillPreviousLoopExecution(loopName: string, done: Event[]): void {
  let offset = 0;
  for (let i = done.length - 1; i >= 0; i--) {
    const e = done[i]!;
    if (e.event === "action" && e.name === loopName) break;
    if (e.event === "action" || e.event === "user" || e.event === "user_featurization") {
      done.splice(done.length - 1 - offset, 1);
    } else {
      offset += 1;
    }
  }
}

/**
 * Rasa's `applied_events()`: restarts and session starts clear history, `undo` drops the last
 * action, `rewind` drops the last user turn, and repeated loop (form) executions on the happy
 * path drop the turns in between.
 */
export function appliedEvents(events: readonly Event[]): Event[] {
  const loops = loopNames(events);
  const applied: Event[] = [];
  for (const e of events) {
    if (e.event === "restart" || e.event === "session_started") {
      applied.length = 0;
    } else if (e.event === "undo") {
      undoTillPrevious("action", applied);
    } else if (e.event === "rewind") {
      undoTillPrevious("user", applied);
      undoTillPrevious("action", applied);
    } else if (
      e.event === "action" &&
      e.name &&
      loops.has(e.name) &&
      !firstLoopExecutionOrUnhappyPath(e.name, applied)
    ) {
      undoTillPreviousLoopExecution(e.name, applied);
      applied.push(e);
    } else {
      applied.push(e);
    }
  }
  return applied;
}
