/**
 * @module cli/shell
 * `confab shell`: chat with the project's bot in the terminal. A bare number answers with that
 * button's payload; `/stop` (or end of input) leaves.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import type { Command } from "commander";
import { startAgent } from "../agent/agent.js";
import { ConsoleOutputChannel } from "../channels/console-output.js";
import type { Logger } from "../ports/index.js";
import { createLogger } from "./logging.js";
import { ensureModel, projectOverrides } from "./project-model.js";

interface ShellOptions {
  model?: string;
  endpoints?: string;
  conversationId?: string;
  debug?: boolean;
  project: string;
}

export async function runShell(
  options: ShellOptions,
  input: NodeJS.ReadableStream,
  print: (line: string) => void,
): Promise<void> {
  const root = path.resolve(options.project);
  const base = createLogger({ debug: options.debug, quiet: true });
  const logger = options.debug ? withReadablePredictions(base, print) : base;
  const { model, project } = ensureModel({
    root,
    model: options.model,
    overrides: projectOverrides(options),
    print,
  });
  const agent = await startAgent({ model, projectRoot: root, logger, endpoints: project?.endpoints ?? {} });
  const sender = options.conversationId ?? randomUUID().replace(/-/g, "");
  const output = new ConsoleOutputChannel((line) => print(`bot> ${line}`));
  print("Bot loaded. Type a message and press enter (use '/stop' to exit):");
  const lines = readline.createInterface({ input, terminal: false });
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === "/stop") break;
      if (line === "") continue;
      const choice = /^\d+$/.test(line) ? output.lastButtons[Number(line) - 1] : undefined;
      await agent.handleMessage(
        { text: choice ? choice.payload : line, senderId: sender, inputChannel: "cmdline" },
        output,
      );
    }
  } finally {
    lines.close();
    await agent.close();
  }
}

/** `--debug`: besides the JSON log, one readable line per prediction (winning policy and confidence). */
export function withReadablePredictions(logger: Logger, print: (line: string) => void): Logger {
  return {
    info: (o, m) => logger.info(o, m),
    warn: (o, m) => logger.warn(o, m),
    error: (o, m) => logger.error(o, m),
    debug: (o, m) => {
      logger.debug(o, m);
      if (m !== "Predicted next action") return;
      const p = o as { action?: string; policy?: string | null; confidence?: number };
      const confidence = typeof p.confidence === "number" ? p.confidence.toFixed(3) : "?";
      print(`debug> next action: ${p.action ?? "?"} (policy ${p.policy ?? "none"}, confidence ${confidence})`);
    },
  };
}

export function registerShellCommand(program: Command, print: (line: string) => void): void {
  program
    .command("shell")
    .description("Chat with the bot on the command line (trains first if needed)")
    .option("-m, --model <path>", "path to a trained model, or a folder of models")
    .option("--endpoints <file>", "endpoints configuration file (default: endpoints.yml in the project)")
    .option("--conversation-id <id>", "conversation id to use (default: a new random id)")
    .option("--debug", "show each turn's parse result, predictions and events")
    .option("--project <dir>", "project folder (Confab extension)", ".")
    .action((options: ShellOptions) => runShell(options, process.stdin, print));
}
