/**
 * @module flows/project
 * Entry points for `confab run` in a folder that holds an MCC-style process:
 * `loadFlowProject(dir)` → FlowRuntime, `runFlowProject(...)` → listening server.
 */
import path from "node:path";
import Fastify from "fastify";
import { checkCallbacks } from "./definition/callbacks-check.js";
import { loadKbFile, loadProcessFile } from "./definition/load.js";
import { FlowDefinitionError } from "./definition/types.js";
import { loadCallbacksModule } from "./callbacks-module.js";
import { loadFlowConfig } from "./flow-config.js";
import type { FlowNluAdapter } from "./nlu/types.js";
import { createNluAdapter } from "./nlu/config.js";
import { findFlowProjectFiles } from "./project-files.js";
import { FlowRuntime } from "./runtime/runtime.js";
import { registerFlowRoutes } from "./server/routes.js";
import { startMccServer } from "./server/ws-attach.js";
import type { MccServer } from "./server/ws-attach.js";
import type { FlowStateStore } from "./store/types.js";
import { MemoryFlowStateStore } from "./store/memory.js";
import { SqliteFlowStateStore } from "./store/sqlite.js";
import type { Logger } from "../ports/logger.js";
import { silentLogger } from "../ports/logger.js";

export interface LoadFlowProjectOptions {
  /** "memory", a SQLite file path, or a ready store. Default: `<dir>/.confab/tracker.db`. */
  store?: string | FlowStateStore;
  /** Overrides the adapter named in flow.yml (tests, or an NLU built elsewhere). */
  nlu?: FlowNluAdapter;
  logger?: Logger;
}

export async function loadFlowProject(dir: string, options: LoadFlowProjectOptions = {}): Promise<FlowRuntime> {
  const files = findFlowProjectFiles(dir);
  if (!files) {
    throw new FlowDefinitionError(
      [
        {
          message: "no process found: expected process.json + kb.json (or config/my_process.json + config/my_kb.json)",
        },
      ],
      path.resolve(dir),
    );
  }
  const logger = options.logger ?? silentLogger;
  const process = loadProcessFile(files.process);
  const kb = loadKbFile(files.kb);
  const config = loadFlowConfig(files.flowConfig);
  if (!files.callbacks) {
    throw new FlowDefinitionError(
      [
        {
          message: `no callbacks module next to the process (callbacks.js, callbacks.mjs or callbacks.ts in ${files.home})`,
        },
      ],
      files.process,
    );
  }
  const { callbacks } = await loadCallbacksModule(files.callbacks);
  const issues = checkCallbacks(process, callbacks);
  if (issues.length > 0) throw new FlowDefinitionError(issues, files.callbacks);
  const nlu =
    options.nlu ??
    (await createNluAdapter(config.nlu, files.home, (message) => logger.warn({ component: "flows/nlu" }, message)));
  const store =
    typeof options.store === "object"
      ? options.store
      : options.store === "memory"
        ? new MemoryFlowStateStore()
        : new SqliteFlowStateStore(options.store ?? path.join(files.dir, ".confab", "tracker.db"));
  return new FlowRuntime({
    process,
    kb,
    callbacks,
    nlu,
    store,
    logger,
    resumeSnapshot: config.resumeSnapshot,
    ...(files.webDir ? { webDir: files.webDir } : {}),
  });
}

export interface RunFlowProjectOptions extends LoadFlowProjectOptions {
  dir: string;
  port?: number;
  host?: string;
  /** MCC's own WebSocket port; `false` to not open it. Default 8765. */
  mccPort?: number | false;
}

export interface RunningFlowProject {
  url: string;
  mccUrl: string | undefined;
  runtime: FlowRuntime;
  close(): Promise<void>;
}

export async function runFlowProject(options: RunFlowProjectOptions): Promise<RunningFlowProject> {
  const runtime = await loadFlowProject(options.dir, options);
  const app = Fastify({ logger: false });
  registerFlowRoutes(app, runtime);
  if (runtime.webDir) app.get("/", (_req, reply) => reply.redirect("/flows/web/"));
  const host = options.host ?? "0.0.0.0";
  let mcc: MccServer | undefined;
  try {
    await app.listen({ port: options.port ?? 5005, host });
    if (options.mccPort !== false) mcc = await startMccServer({ port: options.mccPort ?? 8765, host, runtime });
  } catch (err) {
    await app.close();
    await runtime.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  const url = `http://${shownHost}:${port}`;
  runtime.logger.info({ url, mcc: mcc?.url }, "flow project running");
  return {
    url,
    mccUrl: mcc?.url,
    runtime,
    async close() {
      await mcc?.close();
      await app.close();
      await runtime.close();
    },
  };
}
