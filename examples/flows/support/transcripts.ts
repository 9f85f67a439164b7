/**
 * Test support: MCC's reference transcripts (`../shared/fixtures/mcc/transcripts.json`) and the
 * runtimes that should reproduce them with the TypeScript examples.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadKbFile, loadProcessFile } from "../../../src/flows/definition/index.js";
import type { FlowCallbacks, FlowData, FlowReply } from "../../../src/flows/engine/index.js";
import type { FlowNluAdapter } from "../../../src/flows/nlu/index.js";
import { noNluAdapter } from "../../../src/flows/nlu/index.js";
import { loadFlowProject } from "../../../src/flows/project.js";
import { FlowRuntime } from "../../../src/flows/runtime/index.js";
import { MemoryFlowStateStore } from "../../../src/flows/store/index.js";
import { intentCallbacks } from "../name-nickname/callbacks.js";
import { createShopCallbacks } from "../shop/shop.js";

export const MCC_FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/mcc");
export const EXAMPLES = path.resolve(process.cwd(), "examples/flows");

export interface TranscriptStep {
  activity_before: string;
  activity_after?: string;
  input: { type: "utterance"; utterance: string } | { type: "data"; payload: FlowData };
  nlu_parse?: FlowData;
  expected: FlowReply | null;
  expected_error?: string;
}

export interface Transcript {
  name: string;
  example: string;
  nlu: string;
  steps: TranscriptStep[];
  kb_saved_on_end: Record<string, unknown> | null;
  final_context: Record<string, unknown>;
}

export const transcripts: Transcript[] = (
  JSON.parse(readFileSync(path.join(MCC_FIXTURES, "transcripts.json"), "utf8")) as { transcripts: Transcript[] }
).transcripts;

/** The NLU the transcript was recorded with: MCC's key copying, or the parses Rasa returned. */
export function transcriptNlu(t: Transcript): FlowNluAdapter {
  const keys = /NoNluAdapter with keys (\[.*\])/.exec(t.nlu);
  if (keys) return noNluAdapter(JSON.parse(keys[1]!) as string[]);
  const parses = new Map<string, FlowData>();
  for (const s of t.steps) {
    if (s.input.type === "utterance" && s.nlu_parse) parses.set(s.input.utterance.replace(/\s+$/u, ""), s.nlu_parse);
  }
  return {
    kind: "rasa",
    parse: (text) => {
      const parse = parses.get(text);
      return parse
        ? Promise.resolve(structuredClone(parse))
        : Promise.reject(new Error(`no recorded parse for ${text}`));
    },
  };
}

function variantRuntime(fixture: string, callbacks: FlowCallbacks, nlu: FlowNluAdapter): FlowRuntime {
  return new FlowRuntime({
    process: loadProcessFile(path.join(MCC_FIXTURES, fixture, "my_process.json")),
    kb: loadKbFile(path.join(MCC_FIXTURES, fixture, "my_kb.json")),
    callbacks,
    nlu,
    store: new MemoryFlowStateStore(),
  });
}

/**
 * The runtime for a transcript. quickstart, name_nickname/framework_basic and demo_config are the
 * example folders as `confab run` loads them; the classic shop and the intent-based name flow use the
 * examples' alternative callbacks over MCC's own process and kb files.
 */
export async function runtimeFor(t: Transcript): Promise<FlowRuntime> {
  const nlu = transcriptNlu(t);
  switch (t.example) {
    case "quickstart":
      return loadFlowProject(path.join(EXAMPLES, "quickstart"), { store: "memory", nlu });
    case "name_nickname":
    case "framework_basic":
      return loadFlowProject(path.join(EXAMPLES, "name-nickname"), { store: "memory", nlu });
    case "demo_config":
      return loadFlowProject(path.join(EXAMPLES, "shop"), { store: "memory", nlu });
    case "demo":
      return variantRuntime("demo", createShopCallbacks("classic"), nlu);
    case "framework_rasa":
      return variantRuntime("framework_rasa", intentCallbacks, nlu);
    default:
      throw new Error(`no runtime for example ${t.example}`);
  }
}

/**
 * What Confab answers where MCC crashed: `{"age": 30}` (a JSON number) works instead of raising
 * MCC's TypeError, because the age is formatted as text.
 */
export function expectedReply(t: Transcript, step: TranscriptStep): FlowReply {
  if (step.expected) return step.expected;
  if (t.name === "name_nickname_data_integer_age") {
    return {
      utterance: "Name, Bob 30\nProcess completed!",
      payload: { show_age: false, show_field: true, field_contents: "Name, Bob 30" },
    };
  }
  throw new Error(`${t.name}: step without expectation (${step.expected_error ?? "?"})`);
}
