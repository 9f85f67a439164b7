/**
 * @module stores/tracker/create-tracker-store
 * Picks the tracker store from `endpoints.yml` `tracker_store:` (`rasa-protocol.md` §9.1).
 * Default (nothing configured): SQLite at `<project>/.confab/tracker.db`, so conversations survive restarts.
 * Also `type: sql` with `dialect: postgresql`, and `type: redis`, with Rasa's keys.
 */
import path from "node:path";
import type { Logger, TrackerStore } from "../../ports/index.js";
import { MemoryTrackerStore } from "./memory-tracker-store.js";
import { LazyTrackerStore } from "./lazy-tracker-store.js";
import { SqliteTrackerStore } from "./sqlite-tracker-store.js";

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown): number | undefined => (v === undefined || v === null || v === "" ? undefined : Number(v));

export const DEFAULT_TRACKER_DB = path.join(".confab", "tracker.db");

export function createTrackerStore(
  config: Record<string, unknown> | null | undefined,
  projectRoot: string,
  logger: Logger,
): TrackerStore {
  const type = typeof config?.type === "string" ? config.type.toLowerCase() : null;
  if (type === null) return new SqliteTrackerStore(path.resolve(projectRoot, DEFAULT_TRACKER_DB));
  if (type === "memory" || type === "inmemorytrackerstore" || type === "in_memory") return new MemoryTrackerStore();
  if (type === "sql") {
    const dialect = typeof config?.dialect === "string" ? config.dialect.toLowerCase() : "sqlite";
    if (dialect === "sqlite") {
      // Rasa's default SQL db name is rasa.db; the path is relative to the project.
      const db = typeof config?.db === "string" && config.db.length > 0 ? config.db : "rasa.db";
      return new SqliteTrackerStore(db === ":memory:" ? db : path.resolve(projectRoot, db));
    }
    if (dialect === "postgresql" || dialect === "postgres") {
      const options = {
        host: str(config?.url) ?? "localhost",
        port: num(config?.port),
        database: str(config?.db) ?? "rasa",
        user: str(config?.username),
        password: str(config?.password),
      };
      return new LazyTrackerStore(async () => {
        const { PostgresTrackerStore } = await import("./postgres-tracker-store.js");
        return new PostgresTrackerStore(options);
      });
    }
  }
  if (type === "redis") {
    const options = {
      host: str(config?.url) ?? "localhost",
      port: num(config?.port),
      db: num(config?.db),
      username: str(config?.username),
      password: str(config?.password),
      keyPrefix: str(config?.key_prefix),
      recordExp: num(config?.record_exp),
    };
    return new LazyTrackerStore(async () => {
      const { RedisTrackerStore } = await import("./redis-tracker-store.js");
      return new RedisTrackerStore(options);
    });
  }
  logger.warn(
    { code: "CONFAB_ERR_CONFIG", tracker_store: config },
    `Tracker store type '${type}' is not supported yet; using SQLite at ${DEFAULT_TRACKER_DB}`,
  );
  return new SqliteTrackerStore(path.resolve(projectRoot, DEFAULT_TRACKER_DB));
}
