/**
 * The shop's own nlu.yml, trained with Confab's in-process NLU (flow.yml `type: confab`), understands
 * the sentences of MCC's Rasa transcript the way Rasa did. Most of those sentences are also training
 * examples (as a real project would add them); the test checks the wiring: YAML → training → MCC dicts.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadFlowConfig } from "../../src/flows/flow-config.js";
import { createNluAdapter } from "../../src/flows/nlu/index.js";
import { EXAMPLES, transcripts } from "./support/transcripts.js";

describe("shop NLU (confab adapter)", () => {
  it("parses the shop_demo_rasa_text utterances into MCC's intent/entity dicts", async () => {
    const dir = path.join(EXAMPLES, "shop");
    const config = loadFlowConfig(path.join(dir, "flow.yml"));
    expect(config.nlu.type).toBe("confab");
    const nlu = await createNluAdapter(config.nlu, dir);
    const steps = transcripts.find((t) => t.name === "shop_demo_rasa_text")!.steps;
    const results: [string, unknown, unknown][] = [];
    for (const s of steps) {
      if (s.input.type !== "utterance" || s.input.utterance === "") continue;
      results.push([s.input.utterance, await nlu.parse(s.input.utterance), s.nlu_parse]);
    }
    for (const [text, got, want] of results) expect(got, text).toEqual(want);
  });
});
