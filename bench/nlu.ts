/**
 * `npm run bench:nlu`: Confab vs NLP.js (node-nlp 4.x) on every dataset in ../shared/datasets, same splits, same
 * run. Each system trains and tests in a child process (fair peak RSS); Confab's saved model is then loaded and
 * served in a third process (model load time, serving RSS). Writes bench/results/nlu.md and nlu.json.
 *   tsx bench/nlu.ts [--only snips,atis] [--systems confab,nlpjs]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  DATASETS,
  DATASETS_DIR,
  entityF1,
  loadTest,
  macroF1,
  score,
  type Counts,
  type Prediction,
} from "./nlu-data.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const WORKER = path.join(ROOT, "bench/nlu-worker.ts");
const SERVE = path.join(ROOT, "bench/nlu-serve.mjs");

interface WorkerResult {
  trainSeconds: number;
  p50: number;
  p99: number;
  modelBytes: number;
  peakRssMb: number;
  modelFile: string | null;
  predictions: Prediction[];
}

interface Row {
  dataset: string;
  system: string;
  sentences: number;
  intentAccuracy: number;
  macroF1: number;
  entityF1: number | null;
  trainSeconds: number;
  parseP50Ms: number;
  parseP99Ms: number;
  modelBytes: number;
  peakRssMb: number;
  serve?: { loadMs: number; peakRssMb: number; p50: number; p99: number };
}

function runWorker(args: string[]): string {
  const out = execFileSync(TSX, [WORKER, ...args], { cwd: ROOT, maxBuffer: 1 << 28, encoding: "utf8" });
  return out.trim().split("\n").at(-1) ?? "";
}

/** Loads and serves a saved model with plain `node` on the compiled `dist/` (no tsx), as `confab run` would. */
function serveModel(modelFile: string, dataset: string): string {
  const out = execFileSync(process.execPath, [SERVE, modelFile, path.join(DATASETS_DIR, dataset)], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return out.trim().split("\n").at(-1) ?? "";
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = argValue("--only")?.split(",") ?? DATASETS;
const systems = argValue("--systems")?.split(",") ?? ["confab", "nlpjs"];
const rows: Row[] = [];
const braun: Record<string, { counts: Counts[]; labels: Set<string> }> = {};

for (const dataset of DATASETS.filter((d) => only.includes(d))) {
  const tests = loadTest(dataset);
  const gold = new Set(tests.map((t) => t.intent));
  for (const system of systems) {
    process.stderr.write(`${dataset} / ${system} ...\n`);
    const r = JSON.parse(runWorker([system, dataset])) as WorkerResult;
    const counts = score(tests, r.predictions);
    const row: Row = {
      dataset,
      system,
      sentences: tests.length,
      intentAccuracy: counts.correct / counts.n,
      macroF1: macroF1(counts, gold),
      entityF1: entityF1(counts),
      trainSeconds: r.trainSeconds,
      parseP50Ms: r.p50,
      parseP99Ms: r.p99,
      modelBytes: r.modelBytes,
      peakRssMb: r.peakRssMb,
    };
    if (r.modelFile) row.serve = JSON.parse(serveModel(r.modelFile, dataset)) as Row["serve"];
    rows.push(row);
    if (dataset.startsWith("braun-")) {
      const b = (braun[system] ??= { counts: [], labels: new Set() });
      b.counts.push(counts);
    }
  }
}

// Braun et al. report one figure over the three corpora: micro-averaged over all test sentences, None included.
const braunRows = Object.entries(braun)
  .filter(([, b]) => b.counts.length === 3)
  .map(([system, b]) => {
    const n = b.counts.reduce((s, c) => s + c.n, 0);
    const correct = b.counts.reduce((s, c) => s + c.correct, 0);
    return { system, sentences: n, microF1: correct / n };
  });

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? "-" : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? "-" : (x * 100).toFixed(2));
const lines = [
  "# NLU benchmark: Confab vs NLP.js",
  "",
  `Produced by \`npm run bench:nlu\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? "cpu"}, ` +
    `Node ${process.version}. Train on \`nlu.yml\`, test on \`test.jsonl\`. Confab runs Rasa's default pipeline ` +
    "(`DEFAULT_PIPELINE`, seed 42; intent = top of `intent_ranking`, i.e. without FallbackClassifier's " +
    "`nlu_fallback`); NLP.js runs `NlpManager` with every annotated value added as an enum entity. Training and the " +
    "first parse columns run in one process right after training (its heap is full of training garbage); the " +
    "serving columns load the saved model in a fresh `node` process on the compiled `dist/`, as `confab run` does, " +
    "and time whole passes over the test sentences (at least 1000 parses) after at least 3000 warm-up parses (a " +
    "server is that warm within its first minutes; before, V8 is still optimising the parse path and a few parses " +
    "take 4-6 ms).",
  "",
  "| dataset | system | test | intent acc % | macro F1 % | entity span F1 % | train s | parse p50 ms | parse p99 ms | model MB | peak RSS MB (train+test) | load ms | serving parse p50 / p99 ms | serving RSS MB |",
  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.dataset} | ${r.system} | ${r.sentences} | ${pct(r.intentAccuracy)} | ${pct(r.macroF1)} | ${pct(r.entityF1)} | ` +
      `${fmt(r.trainSeconds, 2)} | ${fmt(r.parseP50Ms)} | ${fmt(r.parseP99Ms)} | ${fmt(r.modelBytes / 1e6, 2)} | ` +
      `${fmt(r.peakRssMb, 0)} | ${fmt(r.serve?.loadMs, 0)} | ` +
      `${r.serve ? `${fmt(r.serve.p50)} / ${fmt(r.serve.p99)}` : "-"} | ${fmt(r.serve?.peakRssMb, 0)} |`,
  ),
  "",
  "Braun et al. (3 corpora, micro over all test sentences incl. `None`):",
  "",
  "| system | sentences | micro F1 (= accuracy) |",
  "|---|---:|---:|",
  ...braunRows.map((b) => `| ${b.system} | ${b.sentences} | ${fmt(b.microF1)} |`),
  "",
];
mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
writeFileSync(path.join(ROOT, "bench/results/nlu.md"), lines.join("\n"));
writeFileSync(path.join(ROOT, "bench/results/nlu.json"), JSON.stringify({ rows, braun: braunRows }, null, 2) + "\n");
process.stdout.write(lines.join("\n"));
