/**
 * Quickstart: greet, echo one input back, finish. The `end` activity's prompt comes from kb.json.
 */
import type { FlowCallbacks } from "../../../src/flows/engine/types.js";

const callbacks: FlowCallbacks = {
  start: () => ({ complete: true, utterance: "Ready", payload: { echo: "Ready" } }),

  echo: (data) => {
    if (!("echo" in data)) {
      return { complete: false, utterance: "Error! Payload is the data received.", payload: data };
    }
    const said = `Framework says: ${String(data.echo)}`;
    return { complete: true, utterance: said, payload: { echo: said } };
  },
};

export default callbacks;
