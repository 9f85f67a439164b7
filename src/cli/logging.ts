/**
 * @module cli/logging
 * The process logger: pino JSON lines to stdout (or `--log-file`); `--debug` lowers the level so each
 * turn's parse result, predictions and events are visible.
 */
import pino from "pino";
import type { Logger } from "pino";

export interface LogOptions {
  debug?: boolean;
  logFile?: string;
  /** Interactive commands (shell) keep the console for the conversation. */
  quiet?: boolean;
}

export function createLogger(options: LogOptions = {}): Logger {
  const level = options.debug ? "debug" : options.quiet ? "warn" : "info";
  const destination = options.logFile
    ? pino.destination({ dest: options.logFile, mkdir: true, sync: false })
    : pino.destination({ dest: options.quiet ? 2 : 1, sync: true });
  return pino({ level, base: { app: "confab" } }, destination);
}
