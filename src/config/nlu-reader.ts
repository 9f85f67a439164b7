/**
 * @module config/nlu-reader
 * The `nlu:` section of a YAML training-data file (`rasa-protocol.md` §7.1): intent examples (block or extended
 * list form), `synonym:`, `regex:` and `lookup:` entries. Lookup tables may name a `.txt` file next to the data file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { NluData, NluExample } from "../model/training.js";
import { AnnotationError, parseAnnotatedText, synonymsOf } from "./entity-annotations.js";
import { messageOf } from "./errors.js";
import { warnUnknownKeys } from "./yaml-source.js";
import type { Cursor } from "./yaml-source.js";

interface Line {
  text: string;
  line: number;
}

/** Appends the items of an `nlu:` list to `into`. */
export function readNluSection(section: Cursor, into: NluData, warnings: string[]): void {
  section.expectSeq("nlu", true);
  for (const item of section.items()) {
    item.expectMap("each nlu item");
    const kind = ["intent", "synonym", "regex", "lookup"].find((k) => item.has(k));
    if (!kind) {
      warnings.push(item.warning("nlu item has none of 'intent', 'synonym', 'regex', 'lookup'; it is ignored"));
      continue;
    }
    warnUnknownKeys(item, [kind, "examples", "metadata"], `nlu ${kind}`, warnings);
    const name = item.get(kind)!.text(kind);
    const examples = item.get("examples");
    if (!examples || examples.isNull()) {
      warnings.push(item.warning(`${kind} '${name}' has no examples`));
      continue;
    }
    if (kind === "intent") readIntent(name, item, examples, into, warnings);
    else if (kind === "synonym") {
      for (const l of exampleLines(examples, warnings)) into.synonyms[l.text.toLowerCase()] = name;
    } else if (kind === "regex") {
      for (const l of exampleLines(examples, warnings)) {
        if (!compiles(l.text))
          warnings.push(
            `${examples.file}:${l.line}:1: regex '${name}' pattern '${l.text}' is not a valid JavaScript regular expression`,
          );
        into.regexes.push({ name, pattern: l.text });
      }
    } else {
      into.lookups.push({ name, elements: lookupElements(examples, warnings) });
    }
  }
}

function readIntent(intent: string, item: Cursor, examples: Cursor, into: NluData, warnings: string[]): void {
  const intentMeta = item.get("metadata")?.js() ?? undefined;
  const add = (raw: string, line: number, col: number, exampleMeta: unknown): void => {
    let parsed;
    try {
      parsed = parseAnnotatedText(raw);
    } catch (e) {
      if (e instanceof AnnotationError) throw examples.error(`${e.message} (line ${line})`);
      throw e;
    }
    const ex: NluExample = {
      text: parsed.text,
      intent,
      entities: parsed.entities,
      source: { file: examples.file, line, col },
    };
    const metadata: Record<string, unknown> = {};
    if (intentMeta !== undefined && intentMeta !== null) metadata.intent = intentMeta;
    if (exampleMeta !== undefined && exampleMeta !== null) metadata.example = exampleMeta;
    if (Object.keys(metadata).length > 0) ex.metadata = metadata;
    Object.assign(into.synonyms, synonymsOf(parsed));
    into.examples.push(ex);
  };
  if (examples.kind() === "seq") {
    for (const e of examples.items()) {
      e.expectMap("an extended example (text: ...)");
      warnUnknownKeys(e, ["text", "metadata"], "example", warnings);
      const text = e.get("text");
      if (!text || text.isNull()) throw e.error("example has no 'text'");
      const value = text.text("example text").trim();
      if (value) add(value, text.line, text.at.col, e.get("metadata")?.js());
    }
    return;
  }
  for (const l of exampleLines(examples, warnings)) add(l.text, l.line, 1, undefined);
}

/** The `- ` lines of an `examples: |` block, with their line numbers in the file. */
export function exampleLines(examples: Cursor, warnings: string[]): Line[] {
  const raw = examples.text("examples");
  const base = examples.isBlockScalar() ? examples.line + 1 : examples.line;
  const out: Line[] = [];
  raw.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (!line) return;
    if (!line.startsWith("-")) {
      warnings.push(
        `${examples.file}:${base + i}:1: training example does not start with '- ' and is ignored: '${line}' (key: ${examples.key})`,
      );
      return;
    }
    const text = line.slice(1).trim();
    if (text) out.push({ text, line: base + i });
  });
  return out;
}

function lookupElements(examples: Cursor, warnings: string[]): string[] {
  const raw = examples.text("examples").trim();
  // A single line naming a text file (Rasa 1.x/2.x style) is read relative to the data file.
  if (!raw.includes("\n") && !raw.startsWith("-") && /\.txt$/i.test(raw)) {
    const file = path.resolve(path.dirname(examples.file), raw);
    try {
      return readFileSync(file, "utf8")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l.length > 0);
    } catch (e) {
      throw examples.error(`cannot read lookup table file '${raw}': ${messageOf(e)}`);
    }
  }
  return exampleLines(examples, warnings).map((l) => l.text);
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
