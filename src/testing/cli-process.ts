/**
 * Test helper: the arguments that run the `confab` CLI from source in a child process, from any cwd.
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";

/** tsx resolved from this repo, so a child process started in a temp folder still finds it. */
const TSX_LOADER = import.meta.resolve("tsx");
export const CLI_SOURCE = path.resolve("src/cli/main.ts");

export function cliArgs(args: string[]): string[] {
  return ["--import", TSX_LOADER, CLI_SOURCE, ...args];
}

export interface RunningCli {
  url: string;
  output: () => string;
  child: ChildProcess;
}

/** Starts `confab run <args>` and resolves once it prints the URL it serves. Callers kill the child. */
export async function startConfabRun(args: string[]): Promise<RunningCli> {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, cliArgs(["run", ...args]), {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true" },
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running on (http:\/\/[^\s]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, output: () => out, child });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}
