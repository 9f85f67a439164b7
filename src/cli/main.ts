#!/usr/bin/env node
/**
 * @module cli/main
 * Entry point of the `confab` binary. Configuration errors print `file:line:col: message` and exit 1.
 */
import { isConfigError } from "../config/index.js";
import { buildProgram } from "./program.js";

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (isConfigError(err)) console.error(`error: ${err.message}`);
    else console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
