/**
 * @module flows/definition/types
 * The MCC process description (`my_process.json`) and knowledge base (`my_kb.json`) after validation.
 */

export type ActivityType = "START" | "TASK" | "END" | "XOR" | "OR" | "PARALLEL";

export const ACTIVITY_TYPES: readonly ActivityType[] = ["START", "TASK", "END", "XOR", "OR", "PARALLEL"];
export const GATEWAY_TYPES: readonly ActivityType[] = ["XOR", "OR", "PARALLEL"];

export interface Activity {
  id: string;
  /** `null` = return to the enclosing gateway (MCC's `next_id: null`). */
  next: string | null;
  type: ActivityType;
  /** Only gateways have choices; empty for the other types. */
  choices: string[];
}

export interface ProcessDefinition {
  firstActivityId: string;
  activities: ReadonlyMap<string, Activity>;
}

/** The knowledge base: a flat JSON object. Values under activity ids are the prompts appended on entry. */
export type Kb = Record<string, unknown>;

export function isGateway(type: ActivityType): boolean {
  return GATEWAY_TYPES.includes(type);
}

/** One problem found in a description; `activity` names the activity concerned when there is one. */
export interface DefinitionIssue {
  activity?: string;
  message: string;
}

export class FlowDefinitionError extends Error {
  constructor(
    readonly issues: DefinitionIssue[],
    readonly source?: string,
  ) {
    super(
      `Invalid process${source ? ` in ${source}` : ""}:\n` +
        issues.map((i) => `  - ${i.activity ? `activity "${i.activity}": ` : ""}${i.message}`).join("\n"),
    );
    this.name = "FlowDefinitionError";
  }
}
