/**
 * @module cli/run
 * `confab run`: serve the project's latest model (training first when needed) on Rasa's port,
 * or serve a process flow when the folder holds one.
 */
import path from "node:path";
import type { Command } from "commander";
import { startAgent } from "../agent/agent.js";
import { isFlowProject, runFlowProject } from "../flows/index.js";
import { buildServer } from "../server/app.js";
import { createLogger } from "./logging.js";
import { ensureModel, projectOverrides } from "./project-model.js";

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
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: RunOptions, print: (line: string) => void): Promise<RunningServer> {
  const root = path.resolve(options.project);
  const logger = createLogger({ debug: options.debug, logFile: options.logFile });
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${options.port}'`);

  if (isFlowProject(root)) {
    const mccPort = options.mccPort === false || options.mccPort === undefined ? false : Number(options.mccPort);
    const flow = await runFlowProject({ dir: root, port, host: options.interface, mccPort, logger });
    print(`Confab server is up and running on ${flow.url} (process flow in ${root})`);
    if (flow.mccUrl) print(`MCC WebSocket protocol on ${flow.mccUrl}`);
    return { url: flow.url, close: () => flow.close() };
  }

  const { model, project } = ensureModel({
    root,
    model: options.model,
    overrides: projectOverrides(options),
    print,
  });
  const agent = await startAgent({ model, projectRoot: root, logger, endpoints: project?.endpoints ?? {} });
  const app = buildServer({
    handleMessage: agent.handleMessage,
    channels: Object.keys(project?.credentials ?? {}),
    logger,
  });
  await app.listen({ port, host: options.interface });
  const address = app.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const host = options.interface === "0.0.0.0" ? "localhost" : options.interface;
  const url = `http://${host}:${actualPort}`;
  print(`Confab server is up and running on ${url} (model ${path.basename(model.file ?? "in memory")})`);
  print(`Chat over REST: curl -XPOST ${url}/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}'`);
  return {
    url,
    close: async () => {
      await app.close();
      await agent.close();
    },
  };
}

export function registerRunCommand(program: Command, print: (line: string) => void): void {
  program
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
    .action(async (options: RunOptions) => {
      const server = await startServer(options, print);
      const shutdown = () => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
    });
}
