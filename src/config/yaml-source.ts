/**
 * @module config/yaml-source
 * YAML files parsed with positions. A `Cursor` points at one node of a document and knows its dotted key path,
 * so loaders can raise `ConfigError`s and warnings that name `file:line:col` and the key.
 */
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq } from "yaml";
import type { Document, Node } from "yaml";
import { ConfigError, formatAt, messageOf } from "./errors.js";

export interface Pos {
  line: number;
  col: number;
}

/** One parsed YAML file. `file` is the path as shown in messages. */
export class YamlFile {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  private readonly lines: LineCounter;

  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
    this.lines = new LineCounter();
    // YAML 1.2 core schema, as Rasa's ruamel loader uses (`yes`/`no` stay strings).
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const first = this.doc.errors[0];
    if (first) {
      const p = this.pos(first.pos[0]);
      const detail = first.code === "DUPLICATE_KEY" ? "duplicate key" : `YAML syntax error: ${first.message}`;
      throw new ConfigError(file, p.line, p.col, detail);
    }
  }

  pos(offset: number): Pos {
    const lp = this.lines.linePos(offset);
    return { line: lp.line, col: lp.col };
  }

  root(): Cursor {
    return new Cursor(this, this.doc.contents ?? null, [], { line: 1, col: 1 });
  }
}

/** Reads and parses a YAML file; unreadable files and syntax errors become `ConfigError`s. */
export function readYamlFile(file: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(file, 0, 0, `cannot read file: ${messageOf(e)}`);
  }
  return new YamlFile(file, text);
}

export type CursorKind = "map" | "seq" | "scalar" | "null";

export interface Entry {
  key: string;
  keyPos: Pos;
  value: Cursor;
}

/** A read-only view on one YAML node (or on a missing/null value, with the position of its key). */
export class Cursor {
  readonly src: YamlFile;
  readonly node: Node | null;
  readonly path: readonly (string | number)[];
  readonly at: Pos;

  constructor(src: YamlFile, node: Node | null, path: readonly (string | number)[], fallback: Pos) {
    this.src = src;
    this.node = node && isAlias(node) ? ((node.resolve(src.doc) as Node | undefined) ?? null) : node;
    this.path = path;
    const start = node?.range?.[0];
    // An empty value (`key:`) has a zero-width range at the end of the line; point at the key instead.
    const empty = node && isScalar(node) && node.value === null && node.range && node.range[0] === node.range[1];
    this.at = start !== undefined && !empty ? src.pos(start) : fallback;
  }

  get file(): string {
    return this.src.file;
  }

  get key(): string {
    return this.path.join(".");
  }

  get line(): number {
    return this.at.line;
  }

  kind(): CursorKind {
    const n = this.node;
    if (!n) return "null";
    if (isMap(n)) return "map";
    if (isSeq(n)) return "seq";
    if (isScalar(n)) return n.value === null || n.value === undefined ? "null" : "scalar";
    return "null";
  }

  isNull(): boolean {
    return this.kind() === "null";
  }

  /** The plain JavaScript value of this node (maps → objects, anchors resolved). */
  js(): unknown {
    if (!this.node) return null;
    return this.node.toJS(this.src.doc) as unknown;
  }

  /** Whether this scalar was written as a `|` or `>` block (its text then starts on the next line). */
  isBlockScalar(): boolean {
    const n = this.node;
    return !!n && isScalar(n) && (n.type === "BLOCK_LITERAL" || n.type === "BLOCK_FOLDED");
  }

  entries(): Entry[] {
    const n = this.node;
    if (!n || !isMap(n)) return [];
    const out: Entry[] = [];
    for (const pair of n.items) {
      const keyNode = pair.key as Node | null;
      const rawKey: unknown = keyNode && isScalar(keyNode) ? keyNode.value : keyNode?.toJS(this.src.doc);
      const key = String(rawKey);
      const keyPos = keyNode?.range ? this.src.pos(keyNode.range[0]) : this.at;
      out.push({
        key,
        keyPos,
        value: new Cursor(this.src, (pair.value as Node | null) ?? null, [...this.path, key], keyPos),
      });
    }
    return out;
  }

  get(key: string): Cursor | undefined {
    return this.entries().find((e) => e.key === key)?.value;
  }

  has(key: string): boolean {
    return this.entries().some((e) => e.key === key);
  }

  items(): Cursor[] {
    const n = this.node;
    if (!n || !isSeq(n)) return [];
    return n.items.map((item, i) => new Cursor(this.src, (item as Node | null) ?? null, [...this.path, i], this.at));
  }

  error(detail: string): ConfigError {
    return new ConfigError(this.src.file, this.at.line, this.at.col, detail, this.key || undefined);
  }

  warning(detail: string): string {
    return formatAt(this.src.file, this.at.line, this.at.col, detail, this.key || undefined);
  }

  /** A map, or throws `expected <what>`. A null value is treated as an empty map when `allowNull`. */
  expectMap(what: string, allowNull = false): Cursor {
    const k = this.kind();
    if (k === "map" || (allowNull && k === "null")) return this;
    throw this.error(`expected ${what} to be a mapping, got ${describe(k)}`);
  }

  expectSeq(what: string, allowNull = false): Cursor {
    const k = this.kind();
    if (k === "seq" || (allowNull && k === "null")) return this;
    throw this.error(`expected ${what} to be a list, got ${describe(k)}`);
  }

  /** A non-empty string scalar (numbers and booleans are rejected, as Rasa's schema does for names). */
  str(what: string): string {
    const v = this.kind() === "scalar" ? this.js() : undefined;
    if (typeof v === "string" && v.length > 0) return v;
    throw this.error(`expected ${what} to be a non-empty string, got ${describe(this.kind(), v)}`);
  }

  /** A scalar rendered as text (Rasa accepts `- 3` as a name in several places). */
  text(what: string): string {
    if (this.kind() !== "scalar") throw this.error(`expected ${what} to be a string, got ${describe(this.kind())}`);
    return String(this.js());
  }

  bool(what: string, fallback: boolean): boolean {
    if (this.isNull()) return fallback;
    const v = this.js();
    if (typeof v === "boolean") return v;
    throw this.error(`expected ${what} to be true or false, got ${describe(this.kind(), v)}`);
  }

  num(what: string, fallback: number): number {
    if (this.isNull()) return fallback;
    const v = this.js();
    if (typeof v === "number" && Number.isFinite(v)) return v;
    throw this.error(`expected ${what} to be a number, got ${describe(this.kind(), v)}`);
  }
}

function describe(kind: CursorKind, value?: unknown): string {
  if (kind === "scalar") return `${typeof value} ${JSON.stringify(value)}`;
  if (kind === "null") return "nothing";
  return kind === "map" ? "a mapping" : "a list";
}

/** Warns about keys outside `known` (never throws: Rasa ignores or rejects them, we only point at them). */
export function warnUnknownKeys(map: Cursor, known: readonly string[], where: string, warnings: string[]): void {
  for (const e of map.entries()) {
    if (!known.includes(e.key)) {
      warnings.push(formatAt(map.file, e.keyPos.line, e.keyPos.col, `unknown key '${e.key}' in ${where}`, e.value.key));
    }
  }
}
