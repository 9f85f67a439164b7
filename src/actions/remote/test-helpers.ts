/**
 * Test helpers: a loopback HTTP server whose answers a test scripts, recording every request,
 * and a logger that keeps what was logged.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../../ports/index.js";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface StubAnswer {
  status?: number;
  /** JSON-encoded unless a string. */
  body?: unknown;
  delayMs?: number;
}

export interface StubServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startStub(answer: (req: RecordedRequest) => StubAnswer): Promise<StubServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: text ? (JSON.parse(text) as unknown) : null,
      };
      requests.push(recorded);
      const a = answer(recorded);
      const reply = () => {
        const body = a.body === undefined ? "" : typeof a.body === "string" ? a.body : JSON.stringify(a.body);
        res.writeHead(a.status ?? 200, { "Content-Type": "application/json" });
        res.end(body);
      };
      if (a.delayMs) setTimeout(reply, a.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface LogLine {
  level: string;
  obj: Record<string, unknown>;
  msg?: string;
}

export function recordingLogger(): Logger & { lines: LogLine[]; codes: () => unknown[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (obj: object, msg?: string) =>
    lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return {
    lines,
    codes: () => lines.map((l) => l.obj.code).filter((c) => c !== undefined),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}
