/**
 * @module cli/run-actions
 * `confab run actions [--actions DIR]`: the TypeScript action server (like `rasa run actions`),
 * serving every action exported below DIR on port 5055.
 */
import path from "node:path";
import type { Command } from "commander";
import { DEFAULT_ACTION_SERVER_PORT, loadActions, startActionServer } from "../sdk/index.js";
import type { RunningActionServer } from "../sdk/index.js";
import { closeOnSignals } from "./shutdown.js";

export interface RunActionsOptions {
  actionsDir: string;
  port?: number;
  host?: string;
  print?: (line: string) => void;
}

export async function runActionServer(options: RunActionsOptions): Promise<RunningActionServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const dir = path.resolve(options.actionsDir);
  const actions = await loadActions(dir);
  if (actions.length === 0) print(`Warning: no actions exported below ${dir}`);
  const server = await startActionServer(actions, {
    port: options.port ?? DEFAULT_ACTION_SERVER_PORT,
    host: options.host,
    onError: (action, err) =>
      print(`Action '${action}' failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  });
  print(`Registered ${actions.length} actions: ${actions.map((a) => a.name).join(", ")}`);
  print(`Action server is up and running on ${server.url}/webhook`);
  return server;
}

interface CommandOptions {
  actions: string;
  port: string;
  interface: string;
}

/**
 * Adds `actions` under `confab run`. Options become positional on `run` and its parent, so that in
 * `confab run actions -p 5056` the port reaches the subcommand instead of `run`.
 */
export function registerRunActionsSubcommand(runCommand: Command, print: (line: string) => void): void {
  runCommand.parent?.enablePositionalOptions();
  runCommand.enablePositionalOptions();
  runCommand
    .command("actions")
    .description("Start the TypeScript action server (Rasa's action-server protocol)")
    .option("--actions <dir>", "folder with the action modules", "actions")
    .option("-p, --port <port>", "port to run the action server at", String(DEFAULT_ACTION_SERVER_PORT))
    .option("-i, --interface <host>", "network interface to run the server on", "0.0.0.0")
    .action(async (options: CommandOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${options.port}'`);
      const server = await runActionServer({ actionsDir: options.actions, port, host: options.interface, print });
      closeOnSignals(server);
    });
}
