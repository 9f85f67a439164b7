/**
 * @module stores/tracker/create-tracker-store
 * Picks the tracker store from `endpoints.yml` `tracker_store:` (`rasa-protocol.md` §9.1).
 * Default (nothing configured): SQLite at `<project>/.confab/tracker.db`, so conversations survive restarts.
 */
import path from "node:path";
import type { Logger, TrackerStore } from "../../ports/index.js";
import { MemoryTrackerStore } from "./memory-tracker-store.js";
import { SqliteTrackerStore } from "./sqlite-tracker-store.js";

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
  }
  logger.warn(
    { code: "CONFAB_ERR_CONFIG", tracker_store: config },
    `Tracker store type '${type}' is not supported yet; using SQLite at ${DEFAULT_TRACKER_DB}`,
  );
  return new SqliteTrackerStore(path.resolve(projectRoot, DEFAULT_TRACKER_DB));
}
