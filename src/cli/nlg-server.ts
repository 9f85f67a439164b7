/**
 * @module cli/nlg-server
 * `confab nlg-server`: serve a project's domain responses over Rasa's NLG protocol (Confab command;
 * point a bot's `endpoints.yml` `nlg: {url: http://host:5056/nlg}` at it).
 */
import path from "node:path";
import type { Command } from "commander";
import { loadDomain } from "../config/index.js";
import { buildNlgServer } from "../nlg/nlg-http-server.js";
import { closeOnSignals } from "./shutdown.js";

export interface NlgServerOptions {
  project: string;
  domain?: string;
  port: string;
  interface: string;
  token?: string;
}

export interface RunningNlgServer {
  url: string;
  close(): Promise<void>;
}

export async function startNlgServer(
  options: NlgServerOptions,
  print: (line: string) => void,
): Promise<RunningNlgServer> {
  const root = path.resolve(options.project);
  const domainPath = options.domain ? path.resolve(root, options.domain) : path.join(root, "domain.yml");
  const { domain, warnings } = loadDomain(domainPath);
  for (const w of warnings) print(`Warning: ${w}`);
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${options.port}'`);
  const app = buildNlgServer(domain, { token: options.token });
  await app.listen({ port, host: options.interface });
  const address = app.server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  const host = options.interface === "0.0.0.0" ? "localhost" : options.interface;
  const url = `http://${host}:${actual}`;
  print(`NLG server with ${Object.keys(domain.responses).length} responses running on ${url}/nlg`);
  return { url, close: () => app.close() };
}

export function registerNlgServerCommand(program: Command, print: (line: string) => void): void {
  program
    .command("nlg-server")
    .description("Serve the project's domain responses over Rasa's NLG-server protocol (POST /nlg)")
    .option("-p, --port <port>", "port to serve on", "5056")
    .option("-i, --interface <host>", "network interface to serve on", "0.0.0.0")
    .option("--project <dir>", "project folder", ".")
    .option("-d, --domain <path>", "domain file or folder (default: <project>/domain.yml)")
    .option("--token <token>", "require this token as the ?token= query parameter")
    .action(async (options: NlgServerOptions) => {
      const server = await startNlgServer(options, print);
      closeOnSignals(server);
    });
}
