/**
 * One benchmark run in its own process (so peak RSS is this system's alone):
 *   tsx bench/nlu-worker.ts confab|nlpjs <dataset> [limit]   → trains, tests, prints one JSON line
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_PIPELINE, trainNlu } from "../src/nlu/index.js";
import type { NluData } from "../src/model/index.js";
import { loadTest, loadTrain, percentile, type Prediction, type TestCase } from "./nlu-data.js";

interface System {
  train(data: NluData): Promise<void>;
  parse(text: string): Promise<Prediction>;
  modelJson(): string;
}

function confab(): System {
  let model: ReturnType<typeof trainNlu> | null = null;
  return {
    train: (data) => {
      model = trainNlu(data, { pipeline: DEFAULT_PIPELINE, language: "en", seed: 42 });
      return Promise.resolve();
    },
    parse: (text) => Promise.resolve(toPrediction(model!.parse(text))),
    modelJson: () => JSON.stringify(model!.toJSON()),
  };
}

/** The classifier's top intent: FallbackClassifier's `nlu_fallback` is a policy decision, not a classification. */
function toPrediction(parse: ReturnType<ReturnType<typeof trainNlu>["parse"]>): Prediction {
  const top = (parse.intent_ranking ?? []).find((r) => r.name !== "nlu_fallback");
  return {
    intent: top?.name ?? "",
    entities: parse.entities.map((e) => ({ entity: e.entity, start: e.start ?? -1, end: e.end ?? -1 })),
  };
}

/** NLP.js learns entities only as enumerations: every annotated value becomes an option of its entity type. */
function nlpjs(): System {
  const require = createRequire(import.meta.url);
  interface Manager {
    addDocument(lang: string, text: string, intent: string): void;
    addNamedEntityText(entity: string, option: string, langs: string[], texts: string[]): void;
    train(): Promise<void>;
    process(lang: string, text: string): Promise<{ intent: string; classifications?: unknown; entities?: unknown[] }>;
    export(minified: boolean): string;
  }
  const { NlpManager } = require("node-nlp") as { NlpManager: new (o: unknown) => Manager };
  // Exact enum matching (threshold 1): NLP.js's default fuzzy matching over thousands of annotated values takes
  // seconds per sentence on SNIPS/ATIS, which no user would run.
  const manager = new NlpManager({
    languages: ["en"],
    autoSave: false,
    nlu: { log: false },
    forceNER: true,
    ner: { threshold: 1 },
  });
  const types = new Set<string>();
  return {
    train: async (data) => {
      const values = new Set<string>();
      for (const ex of data.examples) {
        manager.addDocument("en", ex.text, ex.intent);
        for (const e of ex.entities) {
          const surface = ex.text.slice(e.start, e.end);
          types.add(e.entity);
          const key = `${e.entity}\u0000${surface.toLowerCase()}`;
          if (values.has(key)) continue;
          values.add(key);
          manager.addNamedEntityText(e.entity, surface.toLowerCase(), ["en"], [surface]);
        }
      }
      await manager.train();
    },
    parse: async (text) => {
      const r = await manager.process("en", text);
      const entities = ((r.entities ?? []) as { entity: string; start: number; end: number }[])
        .filter((e) => types.has(e.entity))
        // NLP.js reports inclusive end offsets.
        .map((e) => ({ entity: e.entity, start: e.start, end: e.end + 1 }));
      return { intent: r.intent === "None" && !r.classifications ? "" : String(r.intent), entities };
    },
    modelJson: () => String(manager.export(true)),
  };
}

async function timeParses(system: System, tests: readonly TestCase[]) {
  const predictions: Prediction[] = [];
  const times: number[] = [];
  for (const t of tests) {
    const t0 = performance.now();
    predictions.push(await system.parse(t.text));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { predictions, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function main(): Promise<void> {
  const [mode, arg, arg2] = process.argv.slice(2);
  const dataset = arg as string;
  const limit = arg2 ? Number(arg2) : Infinity;
  const log = (m: string) => process.stderr.write(`[${mode} ${dataset}] ${m}\n`);
  const system = mode === "nlpjs" ? nlpjs() : confab();
  const data = loadTrain(dataset);
  const tests = loadTest(dataset, limit);
  const t0 = performance.now();
  await system.train(data);
  const trainSeconds = (performance.now() - t0) / 1000;
  log(`trained in ${trainSeconds.toFixed(1)} s`);
  // Warm-up parses so the first-call JIT cost does not land in p99.
  for (const t of tests.slice(0, 20)) await system.parse(t.text);
  const { predictions, p50, p99 } = await timeParses(system, tests);
  const json = system.modelJson();
  let modelFile: string | null = null;
  if (mode === "confab") {
    modelFile = path.join(mkdtempSync(path.join(os.tmpdir(), "confab-bench-")), "model.json");
    writeFileSync(modelFile, json);
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const modelBytes = Buffer.byteLength(json);
  console.log(JSON.stringify({ trainSeconds, p50, p99, modelBytes, peakRssMb, modelFile, predictions }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
