import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll } from "vitest";
import os from "node:os";
import { silentLogger } from "../../ports/index.js";
import { describeWithService } from "../../testing/services.js";
import { createTrackerStore } from "./create-tracker-store.js";
import { PostgresTrackerStore } from "./postgres-tracker-store.js";
import { RedisTrackerStore } from "./redis-tracker-store.js";
import { runTrackerStoreContract } from "./tracker-store.contract.js";

// Each store instance gets its own table / key prefix so runs never see each other's conversations.
const run = randomBytes(4).toString("hex");
let counter = 0;
const tables: string[] = [];
const PG = { host: "127.0.0.1", user: "postgres", database: "test" };

await describeWithService("PostgreSQL", 5432, () => {
  runTrackerStoreContract("PostgresTrackerStore", () => {
    const table = `confab_test_${run}_${counter++}`;
    tables.push(table);
    return new PostgresTrackerStore({ ...PG, table });
  });
  afterAll(async () => {
    const client = new pg.Client(PG);
    await client.connect();
    for (const t of tables) await client.query(`DROP TABLE IF EXISTS ${t}`);
    await client.end();
  });
});

await describeWithService("Redis", 6379, () => {
  runTrackerStoreContract(
    "RedisTrackerStore",
    () => new RedisTrackerStore({ host: "127.0.0.1", keyPrefix: `confab-test:${run}:${counter++}:` }),
  );
  // The same contract through endpoints.yml's factory, whose Redis driver is loaded on first use.
  runTrackerStoreContract("redis from endpoints.yml", () =>
    createTrackerStore(
      { type: "redis", url: "127.0.0.1", port: 6379, key_prefix: `confab-test:${run}:${counter++}:` },
      os.tmpdir(),
      silentLogger,
    ),
  );
  afterAll(async () => {
    const redis = new Redis({ host: "127.0.0.1" });
    const keys = await redis.keys(`confab-test:${run}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
});
