/**
 * @module config/errors
 * Every problem found while loading a project is reported as `file:line:col: message (key: dotted.path)`,
 * so editors and CI logs can jump straight to the offending spot.
 */

/** Renders a position-prefixed message; `line`/`col` 0 means "whole file". */
export function formatAt(file: string, line: number, col: number, message: string, key?: string): string {
  const where = line > 0 ? `${file}:${line}:${col}` : file;
  const suffix = key ? ` (key: ${key})` : "";
  return `${where}: ${message}${suffix}`;
}

/** A project file that cannot be used as it is. `message` is the fully formatted line. */
export class ConfigError extends Error {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly key: string | undefined;
  /** The message without the position prefix and key suffix. */
  readonly detail: string;

  constructor(file: string, line: number, col: number, detail: string, key?: string) {
    super(formatAt(file, line, col, detail, key));
    this.name = "ConfigError";
    this.file = file;
    this.line = line;
    this.col = col;
    this.key = key;
    this.detail = detail;
  }
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError;
}

/** Returns `error.message` for any thrown value (used when wrapping I/O failures). */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
