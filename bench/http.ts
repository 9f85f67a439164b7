/**
 * `npm run bench:http`: autocannon against `POST /webhooks/rest/webhook` of the real `confab run` from `dist/`
 * (the example moodbot, trained beforehand, with an in-memory and then a SQLite tracker store) and, in the same
 * run, a bare fastify JSON echo. Each server is its own `node` process, so its peak RSS is its own.
 * Writes bench/results/http.md: req/s, p50/p99 latency, peak RSS and the ratio to the echo.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "dist", "cli", "main.js");
const PROJECT = path.join(ROOT, "examples", "moodbot");
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const SENDERS = 1000;
const MESSAGES = ["hello", "I am feeling great", "not so good", "yes", "are you a bot?", "bye"];

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  rssMb: number;
  /** The server's CPU time (user + system, all threads) per answered request: what a turn costs, load aside. */
  cpuUs: number;
  errors: number;
  non2xx: number;
}

interface Server {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `node <args>` and resolves once its stdout shows the port it listens on. */
async function startServer(args: string[], portPattern: RegExp, env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = portPattern.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}:\n${out}`)));
  });
  child.stdout.resume();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    port,
    pid: child.pid!,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** V8 flags that trade some throughput for a small heap (see README, "Memory"). */
const SMALL_HEAP = ["--max-semi-space-size=1", "--max-old-space-size=64"];

async function startConfab(dir: string, trackerStore: string, nodeFlags: string[] = []): Promise<Server> {
  const endpoints = path.join(dir, `endpoints-${Date.now()}.yml`);
  fs.writeFileSync(endpoints, `tracker_store:\n${trackerStore}\n`);
  const port = await freePort();
  const args = [
    ...nodeFlags,
    CLI,
    "run",
    "--project",
    PROJECT,
    "--model",
    path.join(dir, "models"),
    "--endpoints",
    endpoints,
  ];
  return startServer([...args, "--port", String(port), "--interface", "127.0.0.1"], /is up and running on \S+:(\d+)/);
}

/**
 * Echo rows that spin the CPU for a fixed time per request: they show what the targets mean on this machine in CPU
 * time per request (the load generator shares the cores, and a busy server pays more per response to wake it).
 */
const WORK_US = [20, 80] as const;
const workRow = (us: number) => `fastify JSON echo + ${us} µs of CPU work per request`;

function startEcho(workUs: number): Promise<Server> {
  return startServer([path.join(ROOT, "bench", "echo-server.mjs")], /PORT (\d+)/, { WORK_US: String(workUs) });
}

const sqlite = (dir: string, file: string) => `  type: SQL\n  dialect: sqlite\n  db: ${path.join(dir, file)}`;

/** CPU seconds the process has used so far (utime + stime of /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

async function measure(name: string, start: () => Promise<Server>): Promise<Row> {
  const server = await start();
  let n = 0;
  const body = () => JSON.stringify({ sender: `user-${n % SENDERS}`, message: MESSAGES[n++ % MESSAGES.length] });
  const opts = {
    url: `http://127.0.0.1:${server.port}/webhooks/rest/webhook`,
    method: "POST" as const,
    headers: { "content-type": "application/json" },
    connections: CONNECTIONS,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }],
  };
  await autocannon({ ...opts, duration: 2 }); // warm-up (JIT, first sessions)
  const cpuBefore = cpuSeconds(server.pid);
  const result = await autocannon({ ...opts, duration: DURATION });
  const cpuUs = Math.round(((cpuSeconds(server.pid) - cpuBefore) * 1e6) / Math.max(1, result.requests.total));
  const rssMb = peakRssMb(server.pid);
  await server.stop();
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    rssMb,
    cpuUs,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error("dist/ is missing: run `npm run build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-bench-"));
  execFileSync(process.execPath, [CLI, "train", "--project", PROJECT, "--out", path.join(dir, "models")], {
    stdio: "ignore",
  });
  const rows = [
    await measure("fastify JSON echo", () => startEcho(0)),
    await measure(workRow(WORK_US[0]), () => startEcho(WORK_US[0])),
    await measure(workRow(WORK_US[1]), () => startEcho(WORK_US[1])),
    await measure("Confab moodbot, in-memory store", () => startConfab(dir, "  type: in_memory")),
    await measure("Confab moodbot, SQLite store", () => startConfab(dir, sqlite(dir, "tracker.db"))),
    await measure(`Confab moodbot, SQLite store, \`node ${SMALL_HEAP.join(" ")}\``, () =>
      startConfab(dir, sqlite(dir, "tracker-small-heap.db"), SMALL_HEAP),
    ),
  ];
  fs.rmSync(dir, { recursive: true, force: true });
  const echo = rows[0]!.rps;
  const lines = [
    "# HTTP benchmark: REST webhook",
    "",
    `${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"} · ` +
      `autocannon ${CONNECTIONS} connections, ${DURATION} s after a 2 s warm-up, ${SENDERS} senders cycling through ` +
      `${MESSAGES.length} messages (NLU + policies + responses on every request). Servers: \`node dist/cli/main.js ` +
      "run` with a model trained beforehand, and `node bench/echo-server.mjs`; the load generator runs on the same " +
      "machine.",
    "",
    "| server | req/s | p50 ms | p99 ms | server CPU µs/request | peak RSS MB | errors | non-2xx | vs echo |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.cpuUs} | ${r.rssMb} | ${r.errors} | ${r.non2xx} | ${Math.round((r.rps / echo) * 100)} % |`,
    ),
    "",
    "Targets (issue 7): ≥ 50 % of the echo's throughput in memory, p99 ≤ 20 ms at 64 connections, RSS ≤ 120 MB.",
    "Peak RSS is the server process's VmHWM. Server CPU per request is the server process's CPU time (all its " +
      "threads, GC included) during the timed run divided by the requests answered: unlike req/s it does not depend " +
      "on how much of the machine the load generator takes.",
    "The `+ n µs of CPU work` rows are the same echo spinning for n µs before it answers: what any server doing that " +
      "much work per request gets on this machine, where the load generator shares the cores. Set Confab's CPU per " +
      "request beside them to see how far a whole turn (NLU, policies, responses, store) is from the targets.",
    "",
  ];
  fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench", "results", "http.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}

await main();
