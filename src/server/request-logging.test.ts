/**
 * Like Rasa, requests are only logged one by one with `--debug`, and starting the server prints no deprecation
 * warning from fastify about how that is configured.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildServer } from "./app.js";

function capture(): { lines: string[]; logger: pino.Logger } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: pino({ level: "info" }, stream) };
}

describe("request logging", () => {
  afterEach(() => vi.restoreAllMocks());

  for (const logRequests of [true, false]) {
    it(`${logRequests ? "logs" : "does not log"} each request when logRequests is ${logRequests}`, async () => {
      const warnings = vi.spyOn(process, "emitWarning");
      const { lines, logger } = capture();
      const app = buildServer({ handleMessage: () => Promise.resolve(), logger, logRequests });
      const res = await app.inject({ method: "GET", url: "/version" });
      await app.close();
      expect(res.statusCode).toBe(200);
      expect(lines.some((l) => l.includes("incoming request"))).toBe(logRequests);
      expect(lines.some((l) => l.includes("request completed"))).toBe(logRequests);
      expect(warnings.mock.calls.map((c) => String(c[0]))).not.toContainEqual(expect.stringMatching(/deprecated/i));
    });
  }
});
