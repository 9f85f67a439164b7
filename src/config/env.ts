/**
 * @module config/env
 * `${ENV_VAR}` interpolation in YAML string values, as Rasa's YAML reader does for endpoints and credentials
 * (`url: ${ACTION_ENDPOINT_URL}`). An unset variable is an error naming the variable and its position.
 */
import type { Cursor } from "./yaml-source.js";

export type Env = Record<string, string | undefined>;

const ENV_REF = /\$\{([^}]+)\}/g;

/** Replaces every `${NAME}` in `text`; returns the names that are not set in `env`. */
export function expandEnv(text: string, env: Env): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(ENV_REF, (whole, name: string) => {
    const v = env[name.trim()];
    if (v === undefined) {
      missing.push(name.trim());
      return whole;
    }
    return v;
  });
  return { value, missing };
}

/** The plain value of `cursor` with `${VAR}` expanded in every string scalar (map keys are left alone). */
export function toJsWithEnv(cursor: Cursor, env: Env): unknown {
  switch (cursor.kind()) {
    case "null":
      return null;
    case "seq":
      return cursor.items().map((c) => toJsWithEnv(c, env));
    case "map": {
      const out: Record<string, unknown> = {};
      for (const e of cursor.entries()) out[e.key] = toJsWithEnv(e.value, env);
      return out;
    }
    case "scalar": {
      const v = cursor.js();
      if (typeof v !== "string" || !v.includes("${")) return v;
      const { value, missing } = expandEnv(v, env);
      if (missing.length > 0) {
        throw cursor.error(`environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not set`);
      }
      return value;
    }
  }
}
