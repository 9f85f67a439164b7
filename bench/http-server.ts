/**
 * Server side of `npm run bench:http`, run in its own process so its peak RSS can be read:
 * `echo` (bare fastify JSON echo), `memory` or `sqlite` (the moodbot over the REST webhook).
 * Prints `PORT <n>` when listening.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { startApiBot } from "../src/server/test-helpers.js";
import { SqliteTrackerStore } from "../src/stores/tracker/sqlite-tracker-store.js";

const mode = process.argv[2];

async function main(): Promise<number> {
  if (mode === "echo") {
    const app = Fastify({ logger: false });
    app.post("/webhooks/rest/webhook", (request) => [request.body]);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const a = app.server.address();
    return typeof a === "object" && a ? a.port : 0;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-bench-"));
  const trackerStore = mode === "sqlite" ? new SqliteTrackerStore(path.join(dir, "tracker.db")) : undefined;
  const bot = await startApiBot({ listen: true, trackerStore, enableApi: false });
  return Number(new URL(bot.url).port);
}

main().then(
  (port) => console.log(`PORT ${port}`),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
