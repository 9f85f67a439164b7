// The serving half of `npm run bench:nlu`, in plain JavaScript on the compiled `dist/` (as `confab run` serves a
// model): loads a saved Confab NLU model, warms up, parses a dataset's test sentences one by one and prints one JSON
// line with the load time, parse p50/p99 and this process's peak RSS.
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
// Warm-up (JIT) on the first sentences, as a server is warm after its first requests.
for (const text of texts.slice(0, 50)) model.parse(text);
const times = texts.map((text) => {
  const start = performance.now();
  model.parse(text);
  return performance.now() - start;
});
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ loadMs, peakRssMb, p50: at(0.5), p99: at(0.99) }));
