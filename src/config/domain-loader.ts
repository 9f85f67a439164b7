/**
 * @module config/domain-loader
 * `domain.yml` or a `domain/` folder → `Domain`. Several files are merged the way Rasa merges domain files
 * (lists concatenated without duplicates, maps merged); the same slot/response/form defined differently twice
 * is an error. Rasa's implicit parts are added: default intents, `requested_slot`, `session_started_metadata`.
 */
import { DEFAULT_INTENTS, REQUESTED_SLOT, SESSION_STARTED_METADATA_SLOT } from "../model/domain.js";
import type { Domain } from "../model/domain.js";
import { ConfigError } from "./errors.js";
import { emptyDomainPart, parseDomainPart, DOMAIN_KEYS } from "./domain-parts.js";
import type { DomainPart } from "./domain-parts.js";
import { isDirectory, isYamlPath, listFiles } from "./files.js";
import { readYamlFile } from "./yaml-source.js";

export const LATEST_FORMAT_VERSION = "3.1";
export const DEFAULT_SESSION_EXPIRATION_MINUTES = 60;

export interface LoadedDomain {
  domain: Domain;
  warnings: string[];
  /** Files that made up the domain, in merge order. */
  files: string[];
}

/** Loads a domain file or every domain file (recursively) in a folder. */
export function loadDomain(pathOrDir: string): LoadedDomain {
  const warnings: string[] = [];
  const parts: DomainPart[] = [];
  const files: string[] = [];
  const candidates = isDirectory(pathOrDir) ? listFiles(pathOrDir, isYamlPath) : [pathOrDir];
  for (const file of candidates) {
    const root = readYamlFile(file).root();
    // Inside a folder, only files with domain keys count (Rasa's `Domain.is_domain_file`).
    if (candidates.length > 1 || isDirectory(pathOrDir)) {
      if (!root.entries().some((e) => DOMAIN_KEYS.includes(e.key) && e.key !== "version")) continue;
    }
    parts.push(parseDomainPart(root, warnings));
    files.push(file);
  }
  if (parts.length === 0) throw new ConfigError(pathOrDir, 0, 0, "no domain file found");
  return { domain: finishDomain(mergeDomainParts(parts, warnings)), warnings, files };
}

/** Merges parsed parts in order; `warnings` receives notes about overridden session settings. */
export function mergeDomainParts(parts: DomainPart[], warnings: string[]): DomainPart {
  const out = emptyDomainPart();
  for (const p of parts) {
    out.version ??= p.version;
    for (const i of p.intents) if (!out.intents.some((x) => x.name === i.name)) out.intents.push(i);
    for (const e of p.entities) if (!out.entities.some((x) => x.name === e.name)) out.entities.push(e);
    for (const a of p.actions) if (!out.actions.includes(a)) out.actions.push(a);
    for (const a of p.actions_send_domain) if (!out.actions_send_domain.includes(a)) out.actions_send_domain.push(a);
    for (const t of p.e2e_actions) if (!out.e2e_actions.includes(t)) out.e2e_actions.push(t);
    for (const s of p.slots) {
      const prev = out.slots.find((x) => x.name === s.name);
      if (prev) conflict(out, p, `slots.${s.name}`, prev, s, `slot '${s.name}'`);
      else out.slots.push(s);
    }
    mergeMap(out, p, "responses", `response`);
    mergeMap(out, p, "forms", `form`);
    for (const [k, v] of p.where) if (!out.where.has(k)) out.where.set(k, v);
    for (const key of [
      "session_expiration_time",
      "carry_over_slots_to_new_session",
      "store_entities_as_slots",
    ] as const) {
      const value = p[key];
      if (value === undefined) continue;
      if (out[key] !== undefined && out[key] !== value) {
        warnings.push(
          `${key} is set differently in several domain files; the first value (${String(out[key])}) is used`,
        );
        continue;
      }
      (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

function mergeMap(out: DomainPart, p: DomainPart, key: "responses" | "forms", what: string): void {
  for (const [name, value] of Object.entries(p[key])) {
    const prev = out[key][name];
    if (prev !== undefined) conflict(out, p, `${key}.${name}`, prev, value, `${what} '${name}'`);
    else (out[key] as Record<string, unknown>)[name] = value;
  }
}

function conflict(out: DomainPart, p: DomainPart, where: string, a: unknown, b: unknown, what: string): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const first = out.where.get(where);
  const second = p.where.get(where);
  const earlier = first ? ` (first defined at ${first.file}:${first.line})` : "";
  if (second) throw second.error(`${what} is defined differently in another domain file${earlier}`);
  throw new ConfigError("domain", 0, 0, `${what} is defined differently in two domain files${earlier}`);
}

/** Applies Rasa's defaults and implicit intents/slots to a merged part. */
export function finishDomain(p: DomainPart): Domain {
  const intents = [...p.intents];
  for (const name of DEFAULT_INTENTS) {
    if (!intents.some((i) => i.name === name)) intents.push({ name, use_entities: true, ignore_entities: [] });
  }
  const slots = [...p.slots];
  if (Object.keys(p.forms).length > 0 && !slots.some((s) => s.name === REQUESTED_SLOT)) {
    slots.push({
      name: REQUESTED_SLOT,
      type: "text",
      initial_value: null,
      influence_conversation: false,
      mappings: [],
    });
  }
  if (!slots.some((s) => s.name === SESSION_STARTED_METADATA_SLOT)) {
    slots.push({
      name: SESSION_STARTED_METADATA_SLOT,
      type: "any",
      initial_value: null,
      influence_conversation: false,
      mappings: [],
    });
  }
  return {
    version: p.version ?? LATEST_FORMAT_VERSION,
    intents,
    entities: p.entities,
    slots,
    responses: p.responses,
    actions: p.actions,
    actions_send_domain: p.actions_send_domain,
    forms: p.forms,
    session_config: {
      session_expiration_time: p.session_expiration_time ?? DEFAULT_SESSION_EXPIRATION_MINUTES,
      carry_over_slots_to_new_session: p.carry_over_slots_to_new_session ?? true,
    },
    config: { store_entities_as_slots: p.store_entities_as_slots ?? true },
    e2e_actions: p.e2e_actions,
  };
}
