/**
 * @module config/endpoints
 * `endpoints.yml` (`rasa-protocol.md` §5.2, §9) and `credentials.yml` (§2). Both are tolerant, as in Rasa:
 * a missing file is empty, a key with no value (`empty:`) is ignored, unknown sections are kept for plug-ins.
 * `${ENV_VAR}` references in string values are expanded.
 */
import { existsSync } from "node:fs";
import { toJsWithEnv } from "./env.js";
import type { Env } from "./env.js";
import { readYamlFile } from "./yaml-source.js";
import type { Cursor } from "./yaml-source.js";

/** An HTTP endpoint as Rasa's `EndpointConfig` understands it. */
export interface EndpointConfig {
  url?: string;
  /** Sent as query parameter `token_name` (default `token`). */
  token?: string;
  token_name: string;
  headers: Record<string, string>;
  params?: Record<string, unknown>;
  basic_auth?: { username: string; password: string };
  cafile?: string;
  [option: string]: unknown;
}

/** A tracker store, lock store or event broker section: `type` picks the implementation. */
export interface StoreConfig {
  type?: string;
  [option: string]: unknown;
}

export interface Endpoints {
  action_endpoint?: EndpointConfig;
  nlg?: EndpointConfig;
  models?: EndpointConfig & { wait_time_between_pulls?: number };
  tracker_store?: StoreConfig;
  lock_store?: StoreConfig;
  event_broker?: StoreConfig;
  [section: string]: unknown;
}

export type Credentials = Record<string, Record<string, unknown> | null>;

const HTTP_SECTIONS = ["action_endpoint", "nlg", "models", "model"];

export interface LoadedEndpoints {
  endpoints: Endpoints;
  warnings: string[];
}

export function loadEndpoints(file: string, env: Env = process.env): LoadedEndpoints {
  const warnings: string[] = [];
  const endpoints: Endpoints = {};
  if (!existsSync(file)) return { endpoints, warnings };
  const root = readYamlFile(file).root().expectMap("endpoints", true);
  for (const { key, value } of root.entries()) {
    if (value.isNull()) continue;
    if (value.kind() !== "map") {
      warnings.push(value.warning(`endpoint section '${key}' should be a mapping; it is ignored`));
      continue;
    }
    endpoints[key] = HTTP_SECTIONS.includes(key) ? endpointConfig(value, env, warnings) : storeConfig(value, env);
  }
  return { endpoints, warnings };
}

/** Reads one `url/token/headers/basic_auth` section. */
export function endpointConfig(c: Cursor, env: Env, warnings: string[]): EndpointConfig {
  const raw = toJsWithEnv(c, env) as Record<string, unknown>;
  const out: EndpointConfig = { ...raw, token_name: "token", headers: {} };
  if (raw.url !== undefined && raw.url !== null) {
    if (typeof raw.url !== "string") throw (c.get("url") ?? c).error("url must be a string");
    out.url = raw.url;
  } else {
    delete out.url;
    if (c.key === "action_endpoint") warnings.push(c.warning("action_endpoint has no 'url'"));
  }
  if (raw.token !== undefined && raw.token !== null)
    out.token = typeof raw.token === "string" ? raw.token : JSON.stringify(raw.token);
  else delete out.token;
  if (typeof raw.token_name === "string") out.token_name = raw.token_name;
  const headers = raw.headers;
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== "object" || Array.isArray(headers))
      throw (c.get("headers") ?? c).error("headers must be a mapping");
    for (const [k, v] of Object.entries(headers)) out.headers[k] = String(v as string | number | boolean);
  }
  const auth = raw.basic_auth;
  if (auth !== undefined && auth !== null) {
    const a = auth as Record<string, unknown>;
    if (typeof a !== "object" || typeof a.username !== "string" || typeof a.password !== "string") {
      throw (c.get("basic_auth") ?? c).error("basic_auth needs a string 'username' and 'password'");
    }
    out.basic_auth = { username: a.username, password: a.password };
  } else delete out.basic_auth;
  return out;
}

function storeConfig(c: Cursor, env: Env): StoreConfig {
  const raw = toJsWithEnv(c, env) as Record<string, unknown>;
  const out: StoreConfig = { ...raw };
  if (raw.type !== undefined && raw.type !== null) {
    if (typeof raw.type !== "string") throw (c.get("type") ?? c).error("type must be a string");
    out.type = raw.type;
  }
  return out;
}

export interface LoadedCredentials {
  credentials: Credentials;
  warnings: string[];
}

/** Channel name → its options (`null` for channels without options, like `rest:`). */
export function loadCredentials(file: string, env: Env = process.env): LoadedCredentials {
  const warnings: string[] = [];
  const credentials: Credentials = {};
  if (!existsSync(file)) return { credentials, warnings };
  const root = readYamlFile(file).root().expectMap("credentials", true);
  for (const { key, value } of root.entries()) {
    if (value.isNull()) credentials[key] = null;
    else if (value.kind() === "map") credentials[key] = toJsWithEnv(value, env) as Record<string, unknown>;
    else throw value.error(`credentials for channel '${key}' must be a mapping or empty`);
  }
  return { credentials, warnings };
}
