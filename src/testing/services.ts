/**
 * Test helper for suites that need a network service (PostgreSQL, Redis, ...). They run whenever the
 * service is reachable. When it is not: with CI=true the suite fails (never a silent skip in CI);
 * otherwise it is skipped with a line saying why.
 */
import net from "node:net";
import { describe, it } from "vitest";

export function isReachable(port: number, host = "127.0.0.1", timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** `describe` that depends on `service` listening on `port` (checked once, before collecting tests). */
export async function describeWithService(service: string, port: number, body: () => void): Promise<void> {
  if (await isReachable(port)) {
    describe(`${service} (127.0.0.1:${port})`, body);
  } else if (process.env.CI === "true") {
    describe(service, () => {
      it(`needs ${service} on 127.0.0.1:${port}`, () => {
        throw new Error(`${service} is not reachable on 127.0.0.1:${port}; CI must provide it`);
      });
    });
  } else {
    console.warn(`skipping ${service} tests: nothing listens on 127.0.0.1:${port} (start it, or run .ci/run)`);
    describe.skip(service, body);
  }
}
