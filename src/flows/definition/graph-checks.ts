/**
 * @module flows/definition/graph-checks
 * Structural checks MCC does not make: unreachable activities and PARALLEL gateways that can never be
 * satisfied because one of their branches cannot come back to them.
 */
import type { Activity, DefinitionIssue, ProcessDefinition } from "./types.js";

function reachable(process: ProcessDefinition): Set<string> {
  const seen = new Set<string>();
  const queue = [process.firstActivityId];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const a = process.activities.get(id);
    if (!a) continue;
    if (a.next !== null) queue.push(a.next);
    queue.push(...a.choices);
  }
  return seen;
}

/**
 * Whether walking from `id` can hand control back to the enclosing gateway `target`: either by a
 * `next_id: null` (MCC pops the stack) or by a `next_id` that names the gateway itself.
 */
function canReturn(process: ProcessDefinition, id: string, target: string, visiting: Set<string>): boolean {
  if (id === target) return true;
  if (visiting.has(id)) return false;
  const a: Activity | undefined = process.activities.get(id);
  if (!a || a.type === "END") return false;
  visiting.add(id);
  try {
    const onward = () => a.next === null || canReturn(process, a.next, target, visiting);
    if (a.type === "XOR") {
      // An XOR branch that ends with null continues at the XOR's next_id.
      const someBranch = a.choices.some((c) => canReturn(process, c, a.id, new Set(visiting)));
      return someBranch && onward();
    }
    // TASK/START follow next_id; OR/PARALLEL are left (choice null) towards their next_id.
    return onward();
  } finally {
    visiting.delete(id);
  }
}

export function checkGraph(process: ProcessDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const seen = reachable(process);
  for (const a of process.activities.values()) {
    if (!seen.has(a.id)) {
      issues.push({ activity: a.id, message: `unreachable from "${process.firstActivityId}"` });
    }
  }
  for (const a of process.activities.values()) {
    if (a.type !== "PARALLEL") continue;
    for (const c of a.choices) {
      if (!canReturn(process, c, a.id, new Set())) {
        issues.push({
          activity: a.id,
          message: `PARALLEL gateway can never complete: branch "${c}" never returns to it (it ends at an END or loops)`,
        });
      }
    }
  }
  return issues;
}
