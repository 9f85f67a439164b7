/**
 * @module flows/nlu/none
 * MCC's NoNluAdapter: the text is copied into every configured key (`dict.fromkeys(keys, text)`).
 */
import type { FlowNluAdapter } from "./types.js";

export function noNluAdapter(keys: readonly string[]): FlowNluAdapter {
  const list = [...keys];
  return {
    kind: "none",
    parse: (text) => Promise.resolve(Object.fromEntries(list.map((k) => [k, text]))),
  };
}
