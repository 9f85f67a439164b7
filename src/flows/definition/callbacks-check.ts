/**
 * @module flows/definition/callbacks-check
 * MCC's `Framework._check`: every non-END activity needs a callable callback. Also reports callbacks
 * for ids that are not in the process, which are almost always typos.
 */
import type { DefinitionIssue, ProcessDefinition } from "./types.js";

export function checkCallbacks(process: ProcessDefinition, callbacks: Record<string, unknown>): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  for (const a of process.activities.values()) {
    if (a.type === "END") continue;
    const cb = callbacks[a.id];
    if (cb === undefined) issues.push({ activity: a.id, message: `no callback for this ${a.type} activity` });
    else if (typeof cb !== "function") issues.push({ activity: a.id, message: `the callback is not a function` });
  }
  for (const key of Object.keys(callbacks)) {
    if (!process.activities.has(key))
      issues.push({ activity: key, message: `callback for an activity not in the process` });
  }
  return issues;
}
