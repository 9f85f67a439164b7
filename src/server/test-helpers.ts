/**
 * Test helper: the example moodbot served with the HTTP API, channels from the given credentials,
 * an in-memory store and a model trained once per process.
 */
import http from "node:http";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { startAgent } from "../agent/agent.js";
import { ChannelRegistry } from "../channels/registry.js";
import { loadProject } from "../config/index.js";
import type { TrainedModel } from "../model-archive/archive.js";
import { silentLogger } from "../ports/index.js";
import type { TrackerStore } from "../ports/index.js";
import { MemoryLockStore } from "../stores/lock/memory-lock-store.js";
import { MemoryTrackerStore } from "../stores/tracker/memory-tracker-store.js";
import { trainModel } from "../training/train.js";
import { AgentHolder } from "./agent-holder.js";
import { buildServer } from "./app.js";
import { createAuthorizer } from "./auth.js";
import type { AuthOptions } from "./auth.js";

export const MOODBOT = path.resolve(process.cwd(), "examples/moodbot");

let trained: TrainedModel | null = null;
export function moodbotModel(): TrainedModel {
  trained ??= trainModel(loadProject(MOODBOT, {}), { seed: 42 }).model;
  return trained;
}

export interface ApiBot {
  app: FastifyInstance;
  holder: AgentHolder;
  registry: ChannelRegistry;
  /** Set when `listen` was requested. */
  url: string;
  close(): Promise<void>;
}

export interface ApiBotOptions {
  auth?: AuthOptions;
  credentials?: Record<string, unknown>;
  legacyApi?: boolean;
  enableApi?: boolean;
  listen?: boolean;
  modelDir?: string;
  cors?: string[];
  trackerStore?: TrackerStore;
}

export async function startApiBot(options: ApiBotOptions = {}): Promise<ApiBot> {
  const trackerStore = options.trackerStore ?? new MemoryTrackerStore();
  const lockStore = new MemoryLockStore();
  const registry = ChannelRegistry.fromCredentials(options.credentials ?? { rest: null }, silentLogger);
  const holder = await AgentHolder.start(
    (model) =>
      startAgent({
        model,
        projectRoot: MOODBOT,
        logger: silentLogger,
        trackerStore,
        lockStore,
        random: () => 0,
        outputFor: (c) => registry.outputFor(c) ?? { name: "collector", sendResponse: () => Promise.resolve() },
      }),
    trackerStore,
    silentLogger,
    moodbotModel(),
  );
  const app = buildServer({
    handleMessage: holder.handleMessage,
    registry,
    cors: options.cors,
    chat: { title: "Moodbot" },
    api: {
      enableApi: options.enableApi ?? true,
      legacyApi: options.legacyApi ?? false,
      context: {
        holder,
        authorize: createAuthorizer(options.auth ?? {}),
        outputFor: registry.outputFor,
        logger: silentLogger,
        modelDir: options.modelDir ?? path.join(MOODBOT, "models"),
        projectRoot: MOODBOT,
      },
    },
  });
  let url = "";
  if (options.listen) {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  } else await app.ready();
  return {
    app,
    holder,
    registry,
    url,
    async close() {
      await app.close();
      await registry.close();
      await holder.close();
    },
  };
}

/** A local HTTP server standing in for a `callback_url`: resolves with the first request's content type and body. */
export async function callbackReceiver(): Promise<{
  url: string;
  received: Promise<{ contentType: string; body: Buffer }>;
  close(): void;
}> {
  let deliver: (r: { contentType: string; body: Buffer }) => void = () => {};
  const received = new Promise<{ contentType: string; body: Buffer }>((resolve) => (deliver = resolve));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      res.end("ok");
      deliver({ contentType: String(req.headers["content-type"]), body: Buffer.concat(chunks) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/callback`, received, close: () => server.close() };
}
