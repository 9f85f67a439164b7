/**
 * Test helper: the arguments that run the `confab` CLI from source in a child process, from any cwd.
 */
import path from "node:path";

/** tsx resolved from this repo, so a child process started in a temp folder still finds it. */
const TSX_LOADER = import.meta.resolve("tsx");
export const CLI_SOURCE = path.resolve("src/cli/main.ts");

export function cliArgs(args: string[]): string[] {
  return ["--import", TSX_LOADER, CLI_SOURCE, ...args];
}
