/**
 * @module flows/definition/parse
 * Turns a raw process description (parsed JSON or YAML) into a validated ProcessDefinition,
 * applying every check MCC's `Process._check` / `Activity.__init__` make, plus graph checks MCC misses.
 */
import { checkGraph } from "./graph-checks.js";
import type { Activity, ActivityType, DefinitionIssue, Kb, ProcessDefinition } from "./types.js";
import { ACTIVITY_TYPES, FlowDefinitionError, isGateway } from "./types.js";

const TOP_KEYS = new Set(["activities", "first_activity_id"]);
const ACTIVITY_KEYS = new Set(["my_id", "next_id", "my_type", "choices"]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parses one activity; pushes issues and returns undefined when it is unusable. */
function parseActivity(raw: unknown, index: number, issues: DefinitionIssue[]): Activity | undefined {
  if (!isObject(raw)) {
    issues.push({ message: `activities[${index}] must be an object` });
    return undefined;
  }
  const id = raw.my_id;
  if (typeof id !== "string" || id === "") {
    issues.push({ message: `activities[${index}] needs a non-empty string "my_id"` });
    return undefined;
  }
  const before = issues.length;
  const problem = (message: string) => issues.push({ activity: id, message });
  // MCC builds activities with `cls(**dict)`, so unknown and missing keys are both errors.
  for (const key of Object.keys(raw)) if (!ACTIVITY_KEYS.has(key)) problem(`unknown key "${key}"`);
  if (!("next_id" in raw)) problem(`missing key "next_id" (use null to return to the enclosing gateway)`);
  if (!("my_type" in raw)) problem(`missing key "my_type"`);
  const next = raw.next_id ?? null;
  if (next !== null && typeof next !== "string") problem(`"next_id" must be a string or null`);
  if (next === id) problem(`"next_id" must not point to the activity itself`);
  const rawType = raw.my_type;
  // MCC matches the type name case-insensitively (`ActivityType[my_type.upper()]`).
  const type = typeof rawType === "string" ? (rawType.toUpperCase() as ActivityType) : undefined;
  if ("my_type" in raw && (type === undefined || !ACTIVITY_TYPES.includes(type))) {
    problem(`unknown type ${JSON.stringify(rawType)} (expected one of ${ACTIVITY_TYPES.join(", ")})`);
  }
  const choices: string[] = [];
  if (type !== undefined && isGateway(type)) {
    if (!Array.isArray(raw.choices) || raw.choices.length === 0) {
      problem(`gateway of type ${type} needs a non-empty "choices" list`);
    } else {
      for (const c of raw.choices as unknown[]) {
        if (typeof c !== "string") problem(`choice ${JSON.stringify(c)} must be an activity id`);
        else if (c === id) problem(`choice "${c}" must not be the gateway itself`);
        else if (choices.includes(c)) problem(`duplicate choice "${c}"`);
        else choices.push(c);
      }
    }
  } else if ("choices" in raw) {
    problem(`only gateways (XOR, OR, PARALLEL) may have "choices"`);
  }
  if (issues.length > before || type === undefined) return undefined;
  return { id, next: next as string | null, type, choices };
}

/** Validates a raw description; throws FlowDefinitionError listing every problem found. */
export function parseProcess(raw: unknown, source?: string): ProcessDefinition {
  const issues: DefinitionIssue[] = [];
  if (!isObject(raw)) throw new FlowDefinitionError([{ message: "the process must be an object" }], source);
  for (const key of Object.keys(raw))
    if (!TOP_KEYS.has(key)) issues.push({ message: `unknown top-level key "${key}"` });
  const first = raw.first_activity_id;
  if (typeof first !== "string") issues.push({ message: `"first_activity_id" must be a string` });
  if (!Array.isArray(raw.activities)) {
    issues.push({ message: `"activities" must be a list` });
    throw new FlowDefinitionError(issues, source);
  }
  const activities = new Map<string, Activity>();
  const seen = new Map<string, number>();
  (raw.activities as unknown[]).forEach((item, index) => {
    const activity = parseActivity(item, index, issues);
    const id = isObject(item) && typeof item.my_id === "string" ? item.my_id : undefined;
    if (id !== undefined) seen.set(id, (seen.get(id) ?? 0) + 1);
    if (activity && !activities.has(activity.id)) activities.set(activity.id, activity);
  });
  for (const [id, count] of seen) {
    if (count > 1) issues.push({ activity: id, message: `the id is used by ${count} activities` });
  }
  if (typeof first === "string" && !seen.has(first)) {
    issues.push({ message: `"first_activity_id" "${first}" matches no activity` });
  }
  for (const a of activities.values()) {
    if (a.next !== null && !seen.has(a.next))
      issues.push({ activity: a.id, message: `"next_id" "${a.next}" matches no activity` });
    for (const c of a.choices) {
      if (!seen.has(c)) issues.push({ activity: a.id, message: `choice "${c}" matches no activity` });
    }
  }
  if (issues.length > 0) throw new FlowDefinitionError(issues, source);
  const process: ProcessDefinition = { firstActivityId: first as string, activities };
  const graphIssues = checkGraph(process);
  if (graphIssues.length > 0) throw new FlowDefinitionError(graphIssues, source);
  return process;
}

/** The KB must be a flat JSON object (MCC reads it with `json.load` and indexes it by key). */
export function parseKb(raw: unknown, source?: string): Kb {
  if (!isObject(raw)) {
    throw new FlowDefinitionError([{ message: "the knowledge base must be an object of key → value" }], source);
  }
  return { ...raw };
}

/** Back to MCC's JSON shape, e.g. for writing a YAML description out as JSON. */
export function processToJson(process: ProcessDefinition): Record<string, unknown> {
  return {
    activities: [...process.activities.values()].map((a) => ({
      my_id: a.id,
      next_id: a.next,
      my_type: a.type,
      ...(a.choices.length > 0 ? { choices: a.choices } : {}),
    })),
    first_activity_id: process.firstActivityId,
  };
}
