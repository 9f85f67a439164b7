// The serving half of `npm run bench:nlu`, in plain JavaScript on the compiled `dist/` (as `confab run` serves a
// model): loads a saved Confab NLU model, warms up, parses a dataset's test sentences one by one (in passes over the
// test set, at least 1000 parses) and prints one JSON line with the load time, parse p50/p99 and peak RSS.
//   node bench/nlu-serve.mjs <model.json> <dataset dir>
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadNlu } from "../dist/nlu/index.js";

const [modelFile, datasetDir] = process.argv.slice(2);
const t0 = performance.now();
const model = loadNlu(JSON.parse(readFileSync(modelFile, "utf8")));
const loadMs = performance.now() - t0;
const texts = readFileSync(path.join(datasetDir, "test.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).text);
// Warm-up as a server is warm after its first minute: at least WARM_UP parses (whole passes over the test set).
// V8 is still compiling the parse path after a few hundred parses: on the small Braun models, parses 4-6 ms long
// (against a median of 0.05 ms) keep turning up during the first ~1,800 parses and none after, over 10,000.
const WARM_UP = 3000;
// Timed: whole passes over the test set, at least TIMED parses, so that p99 is a percentile and not the single
// slowest parse of a 59-sentence test set (one collector pause or one preemption decided it). Parsing keeps no
// cache, so a sentence parsed again costs what it cost the first time.
const TIMED = 1000;
const passes = (n) => Math.max(1, Math.ceil(n / Math.max(1, texts.length)));
for (let p = 0; p < passes(WARM_UP); p++) for (const text of texts) model.parse(text);
const times = [];
for (let p = 0; p < passes(TIMED); p++) {
  for (const text of texts) {
    const start = performance.now();
    model.parse(text);
    times.push(performance.now() - start);
  }
}
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ loadMs, peakRssMb, p50: at(0.5), p99: at(0.99) }));
