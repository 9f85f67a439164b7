/**
 * @module flows/nlu/types
 * How text reaches a callback: an adapter turns the (right-stripped) text into the data dict.
 */
import type { FlowData } from "../engine/types.js";

export interface FlowNluAdapter {
  readonly kind: "none" | "confab" | "rasa";
  parse(text: string): Promise<FlowData>;
}

export class FlowNluError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FlowNluError";
  }
}

/** The part of a Rasa ParseResult the MCC adapter reads. */
export interface ParseLike {
  intent?: { name?: string | null } | Record<string, never> | null;
  entities?: { entity: string; value: unknown }[] | null;
}

/**
 * MCC's `RasaNlu.parse` mapping: `{"intent": name, <entity>: value, ...}`; a null intent name gives
 * `{"intent": ""}` (this is what the empty welcome text yields). A later entity overwrites an earlier one.
 */
export function parseToData(result: ParseLike): FlowData {
  const name = result.intent && "name" in result.intent ? result.intent.name : null;
  if (name === null || name === undefined) return { intent: "" };
  const data: FlowData = { intent: name };
  for (const e of result.entities ?? []) data[e.entity] = e.value;
  return data;
}
