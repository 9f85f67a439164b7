/**
 * @module flows/flow-config
 * `flow.yml` next to the process: which NLU turns text into data, and WebSocket options.
 *
 *   nlu: { type: none, keys: [echo] }
 *   websocket: { resume_snapshot: on-request }   # or "always"
 */
import { parse as parseYaml } from "yaml";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { FlowDefinitionError } from "./definition/types.js";
import type { FlowNluConfig } from "./nlu/config.js";
import { DEFAULT_NLU_CONFIG, parseNluConfig } from "./nlu/config.js";

const schema = z.strictObject({
  nlu: z.unknown().optional(),
  websocket: z.strictObject({ resume_snapshot: z.enum(["always", "on-request"]).optional() }).optional(),
});

export interface FlowConfig {
  nlu: FlowNluConfig;
  resumeSnapshot: "always" | "on-request";
}

export function loadFlowConfig(file: string | undefined): FlowConfig {
  if (!file) return { nlu: DEFAULT_NLU_CONFIG, resumeSnapshot: "on-request" };
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8")) ?? {};
  } catch (err) {
    throw new FlowDefinitionError([{ message: `not valid YAML: ${(err as Error).message}` }], file);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new FlowDefinitionError(
      result.error.issues.map((i) => ({ message: `${i.path.join(".") || "flow.yml"}: ${i.message}` })),
      file,
    );
  }
  return {
    nlu: parseNluConfig(result.data.nlu, file),
    resumeSnapshot: result.data.websocket?.resume_snapshot ?? "on-request",
  };
}
