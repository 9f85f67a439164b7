/**
 * @module flows/engine/utterance
 * MCC's `Response.add_utterance`: the kb entry for the new activity is the prompt the engine adds.
 */
import type { Kb } from "../definition/types.js";

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Joins `kb[key]` (or `fallback` when absent) to `utterance` with a single "\n"; unchanged if neither exists. */
export function addUtterance(utterance: string, kb: Kb, key: string, fallback?: string | null): string {
  const extra = Object.prototype.hasOwnProperty.call(kb, key) ? asText(kb[key]) : (fallback ?? undefined);
  if (extra === undefined) return utterance;
  return utterance ? `${utterance}\n${extra}` : extra;
}
