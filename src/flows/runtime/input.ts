/**
 * @module flows/runtime/input
 * Client input frames: `{"type":"utterance","utterance":...}` and `{"type":"data","payload":{...}}`.
 * MCC treats any other type as data and crashes on malformed frames; here they are clear errors.
 */
import type { FlowData } from "../engine/types.js";
import { FlowRuntimeError } from "./errors.js";

export type FlowInput = { type: "utterance"; utterance: string } | { type: "data"; payload: FlowData };

export function parseFlowInput(raw: unknown): FlowInput {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new FlowRuntimeError("bad_input", 'an input must be a JSON object with a "type"');
  }
  const msg = raw as Record<string, unknown>;
  if (msg.type === "utterance") {
    if (typeof msg.utterance !== "string") {
      throw new FlowRuntimeError("bad_input", '"utterance" must be a string for type "utterance"');
    }
    return { type: "utterance", utterance: msg.utterance };
  }
  if (msg.type === "data") {
    const payload = msg.payload;
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
      throw new FlowRuntimeError("bad_input", '"payload" must be a JSON object for type "data"');
    }
    return { type: "data", payload: payload as FlowData };
  }
  throw new FlowRuntimeError(
    "unknown_type",
    `unknown input type ${JSON.stringify(msg.type)} (expected "utterance" or "data")`,
  );
}

/** Parses a text frame; non-JSON is an error, not a dropped connection. */
export function parseFlowFrame(text: string): FlowInput {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new FlowRuntimeError("invalid_json", "the frame is not valid JSON");
  }
  return parseFlowInput(raw);
}
