/**
 * @module cli/run
 * `confab run`: serve the project's latest model (training first when needed) on Rasa's port,
 * or serve a process flow when the folder holds one.
 */
import path from "node:path";
import type { Command } from "commander";
import { startAgent } from "../agent/agent.js";
import { ChannelRegistry } from "../channels/registry.js";
import { isFlowProject } from "../flows/project-files.js";
import { isRoomsProject } from "../rooms/config.js";
import { AgentHolder } from "../server/agent-holder.js";
import { buildServer } from "../server/app.js";
import { createAuthorizer } from "../server/auth.js";
import { MemoryLockStore } from "../stores/lock/memory-lock-store.js";
import { createTrackerStore } from "../stores/tracker/create-tracker-store.js";
import { createLogger } from "./logging.js";
import type { OutputChannel } from "../ports/index.js";
import { loadCredentials, loadEndpoints } from "../config/index.js";
import type { Credentials, Endpoints } from "../config/index.js";
import type { TrainedModel } from "../model-archive/archive.js";
import { loadRemoteModel } from "../model-archive/remote-storage.js";
import { ensureModel, projectOverrides } from "./project-model.js";
import { closeOnSignals } from "./shutdown.js";
import { countingLogger, measuredHandler, Metrics } from "../metrics/metrics.js";

export interface RunOptions {
  port: string;
  interface: string;
  model?: string;
  endpoints?: string;
  credentials?: string;
  debug?: boolean;
  logFile?: string;
  project: string;
  /** MCC's own WebSocket port for process flows; `false` leaves it closed. */
  mccPort?: string | false;
  enableApi?: boolean;
  /** `--cors` origins; commander collects repeated flags. */
  cors?: string[];
  authToken?: string;
  jwtSecret?: string;
  jwtMethod: string;
  jwtPrivateKey?: string;
  legacyApi?: boolean;
  responseTimeout: string;
  /** `--remote-storage`: load `--model` from this cloud storage (`aws`) instead of the local folder. */
  remoteStorage?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: RunOptions, print: (line: string) => void): Promise<RunningServer> {
  const root = path.resolve(options.project);
  const metrics = new Metrics();
  const pinoLogger = createLogger({ debug: options.debug, logFile: options.logFile });
  // Everything below the server logs through this one, so errors with a code are also counted.
  const logger = countingLogger(pinoLogger, metrics);
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${options.port}'`);

  // Flows and rooms are loaded only for their projects: a plain bot's server stays smaller.
  if (isFlowProject(root)) {
    const { runFlowProject } = await import("../flows/index.js");
    const mccPort = options.mccPort === false || options.mccPort === undefined ? false : Number(options.mccPort);
    const flow = await runFlowProject({ dir: root, port, host: options.interface, mccPort, logger });
    print(`Confab server is up and running on ${flow.url} (process flow in ${root})`);
    if (flow.mccUrl) print(`MCC WebSocket protocol on ${flow.mccUrl}`);
    return { url: flow.url, close: () => flow.close() };
  }

  if (isRoomsProject(root)) {
    const { runRoomsProject } = await import("../rooms/index.js");
    const rooms = await runRoomsProject({ dir: root, port, host: options.interface, logger });
    print(`Confab rooms are up and running on ${rooms.url} (rooms.yml in ${root})`);
    return { url: rooms.url, close: () => rooms.close() };
  }

  const { model, endpoints, credentials } = options.remoteStorage
    ? await remoteServing(root, options, print)
    : localServing(root, options, print);
  const registry = ChannelRegistry.fromCredentials(credentials, logger);
  const trackerStore = createTrackerStore(endpoints.tracker_store, root, logger);
  const lockStore = new MemoryLockStore();
  const holder = await AgentHolder.start(
    (m) =>
      startAgent({
        model: m,
        projectRoot: root,
        logger,
        endpoints,
        trackerStore,
        lockStore,
        outputFor: outputOf(registry),
      }),
    trackerStore,
    logger,
    model,
  );
  const responseTimeout = Number(options.responseTimeout);
  const app = buildServer({
    handleMessage: measuredHandler(holder.handleMessage, metrics),
    metrics,
    registry,
    logger: pinoLogger,
    logRequests: options.debug === true,
    cors: options.cors,
    chat: { title: `Confab – ${path.basename(root)}` },
    responseTimeout: Number.isFinite(responseTimeout) && responseTimeout > 0 ? responseTimeout : undefined,
    api: {
      enableApi: options.enableApi === true,
      legacyApi: options.legacyApi === true,
      context: {
        holder,
        authorize: createAuthorizer({
          token: options.authToken,
          jwtSecret: options.jwtSecret,
          jwtMethod: options.jwtMethod,
          jwtPrivateKey: options.jwtPrivateKey,
        }),
        outputFor: registry.outputFor,
        logger,
        modelDir: path.resolve(root, "models"),
        projectRoot: root,
      },
    },
  });
  await app.listen({ port, host: options.interface });
  const address = app.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const host = options.interface === "0.0.0.0" ? "localhost" : options.interface;
  const url = `http://${host}:${actualPort}`;
  print(`Confab server is up and running on ${url} (model ${path.basename(model.file ?? "in memory")})`);
  if (registry.names.includes("rest"))
    print(`Chat over REST: curl -XPOST ${url}/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}'`);
  if (registry.names.includes("socketio")) print(`Chat in your browser: ${url}/chat`);
  if (options.enableApi) print(`HTTP API enabled (OpenAPI description at ${url}/openapi.json)`);
  return {
    url,
    close: async () => {
      await app.close();
      await registry.close();
      await holder.close();
    },
  };
}

/** Reminders and side effects reach users through their conversation's channel, when it can. */
function outputOf(registry: ChannelRegistry): (channel: string | null) => OutputChannel {
  return (channel) => registry.outputFor(channel) ?? NOWHERE;
}

const NOWHERE: OutputChannel = { name: "collector", sendResponse: () => Promise.resolve() };

interface Serving {
  model: TrainedModel;
  endpoints: Endpoints;
  credentials: Credentials | undefined;
}

/** The project's latest model, trained first when the project changed. */
function localServing(root: string, options: RunOptions, print: (line: string) => void): Serving {
  const { model, project } = ensureModel({ root, model: options.model, overrides: projectOverrides(options), print });
  return { model, endpoints: project?.endpoints ?? {}, credentials: project?.credentials };
}

/**
 * `rasa run --remote-storage aws -m <name>`: the model comes from the bucket and is served as it is (no training);
 * the project folder gives only the endpoints and credentials.
 */
async function remoteServing(root: string, options: RunOptions, print: (line: string) => void): Promise<Serving> {
  if (!options.model) throw new Error("--remote-storage needs -m/--model: the model's name in the remote storage");
  const model = await loadRemoteModel(options.remoteStorage, options.model);
  print(`Loaded model ${model.file ?? options.model} from remote storage '${options.remoteStorage}'`);
  const files = projectOverrides(options);
  const endpoints = loadEndpoints(files.endpoints ?? path.join(root, "endpoints.yml"));
  const credentials = loadCredentials(files.credentials ?? path.join(root, "credentials.yml"));
  for (const w of [...endpoints.warnings, ...credentials.warnings]) print(`warning: ${w}`);
  return { model, endpoints: endpoints.endpoints, credentials: credentials.credentials };
}

export function registerRunCommand(program: Command, print: (line: string) => void): Command {
  return program
    .command("run")
    .description("Start a server for the project's model (trains first if there is no up-to-date model)")
    .option("-p, --port <port>", "port to run the server at", "5005")
    .option("-i, --interface <host>", "network interface to run the server on", "0.0.0.0")
    .option("-m, --model <path>", "path to a trained model, or a folder of models (latest is used)")
    .option("--endpoints <file>", "endpoints configuration file (default: endpoints.yml in the project)")
    .option("--credentials <file>", "channel credentials file (default: credentials.yml in the project)")
    .option("--debug", "log each turn's parse result, predictions and events")
    .option("--log-file <file>", "write logs to this file instead of stdout")
    .option("--project <dir>", "project folder (Confab extension; Rasa uses the current folder)", ".")
    .option("--mcc-port <port>", "process flows: also serve MCC's WebSocket protocol on this port", "8765")
    .option("--no-mcc-port", "process flows: do not open MCC's WebSocket port")
    .option("--enable-api", "serve Rasa's HTTP API (conversations, model, domain) next to the channels")
    .option("--cors <origin...>", "allow cross-origin requests from these origins ('*' for any)")
    .option("--auth-token <token>", "require ?token=<token> on the HTTP API")
    .option("--jwt-secret <secret>", "accept JWTs signed with this secret (or public key) on the HTTP API")
    .option("--jwt-method <method>", "JWT signature algorithm", "HS256")
    .option("--jwt-private-key <key>", "private key for asymmetric JWT algorithms (accepted for Rasa compatibility)")
    .option("--legacy-api", "also serve the rasa_core 0.x API (parse/continue/respond, remote actions)")
    .option("--response-timeout <seconds>", "maximum time a request may take", "3600")
    .option(
      "--remote-storage <storage>",
      "load --model from remote storage: aws (S3, configured by BUCKET_NAME, AWS_*)",
    )
    .action(async (options: RunOptions) => {
      const server = await startServer(options, print);
      closeOnSignals(server);
    });
}
