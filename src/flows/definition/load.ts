/**
 * @module flows/definition/load
 * Reads process and KB files in JSON (`.json`) or YAML (`.yml`/`.yaml`).
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { parseKb, parseProcess } from "./parse.js";
import type { Kb, ProcessDefinition } from "./types.js";
import { FlowDefinitionError } from "./types.js";

export function readStructuredFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new FlowDefinitionError([{ message: `cannot read file: ${(err as Error).message}` }], file);
  }
  try {
    return /\.ya?ml$/i.test(file) ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (err) {
    throw new FlowDefinitionError(
      [{ message: `not valid ${/\.ya?ml$/i.test(file) ? "YAML" : "JSON"}: ${(err as Error).message}` }],
      file,
    );
  }
}

export function loadProcessFile(file: string): ProcessDefinition {
  return parseProcess(readStructuredFile(file), file);
}

export function loadKbFile(file: string): Kb {
  return parseKb(readStructuredFile(file), file);
}
