/**
 * `npm run bench:http`: autocannon against `POST /webhooks/rest/webhook` with the example moodbot
 * (in-memory store, then SQLite) and a bare fastify JSON echo, each server in its own process.
 * Writes bench/results/http.md: req/s, p50/p99 latency, peak RSS and the ratio to the echo.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

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
  errors: number;
  non2xx: number;
}

async function startServer(mode: string): Promise<{ port: number; pid: number; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("bench", "http-server.ts"), mode], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { port, pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

async function measure(name: string, mode: string): Promise<Row> {
  const server = await startServer(mode);
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
  const result = await autocannon({ ...opts, duration: DURATION });
  const rssMb = peakRssMb(server.pid);
  server.stop();
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    rssMb,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const rows = [
    await measure("fastify JSON echo", "echo"),
    await measure("Confab moodbot, in-memory store", "memory"),
    await measure("Confab moodbot, SQLite store", "sqlite"),
  ];
  const echo = rows[0]!.rps;
  const lines = [
    "# HTTP benchmark: REST webhook",
    "",
    `${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"} · ` +
      `autocannon ${CONNECTIONS} connections, ${DURATION} s after a 2 s warm-up, ${SENDERS} senders cycling through ` +
      `${MESSAGES.length} messages (NLU + policies + responses on every request).`,
    "",
    "| server | req/s | p50 ms | p99 ms | peak RSS MB | errors | non-2xx | vs echo |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.rssMb} | ${r.errors} | ${r.non2xx} | ${Math.round((r.rps / echo) * 100)} % |`,
    ),
    "",
    "Targets (issue 7): ≥ 50 % of the echo's throughput in memory, p99 ≤ 20 ms at 64 connections, RSS ≤ 120 MB.",
    "Peak RSS is the server process's VmHWM, which includes the tsx loader (~20-30 MB).",
    "",
  ];
  fs.mkdirSync(path.join("bench", "results"), { recursive: true });
  fs.writeFileSync(path.join("bench", "results", "http.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}

await main();
