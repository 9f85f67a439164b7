/**
 * @module flows/nlu/config
 * The `nlu:` section of a flow project's `flow.yml`, and building the adapter it names.
 *
 *   nlu: { type: none, keys: [name, age] }                    # MCC's NoNluAdapter
 *   nlu: { type: rasa, url: http://localhost:5005 }           # any /model/parse server
 *   nlu: { type: confab, data: [nlu.yml], language: en }      # Confab's in-process NLU
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { noNluAdapter } from "./none.js";
import { rasaNluAdapter } from "./rasa.js";
import { trainConfabNluAdapter } from "./confab.js";
import type { FlowNluAdapter } from "./types.js";
import { FlowNluError } from "./types.js";

const component = z.looseObject({ name: z.string() });

export const nluConfigSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("none"), keys: z.array(z.string()).default([]) }),
  z.strictObject({
    type: z.literal("rasa"),
    url: z.url(),
    token: z.string().optional(),
    timeout_ms: z.number().int().positive().optional(),
  }),
  z.strictObject({
    type: z.literal("confab"),
    data: z.union([z.string(), z.array(z.string()).min(1)]),
    /** A Rasa config.yml whose `pipeline:` and `language:` are used. */
    config: z.string().optional(),
    pipeline: z.array(component).optional(),
    language: z.string().optional(),
  }),
]);

export type FlowNluConfig = z.infer<typeof nluConfigSchema>;

export const DEFAULT_NLU_CONFIG: FlowNluConfig = { type: "none", keys: [] };

function readRasaConfig(file: string): { pipeline?: { name: string }[]; language?: string } {
  const raw = parseYaml(readFileSync(file, "utf8")) as unknown;
  if (typeof raw !== "object" || raw === null) return {};
  const obj = raw as Record<string, unknown>;
  const parsed = z.array(component).safeParse(obj.pipeline);
  return {
    ...(parsed.success && parsed.data.length > 0 ? { pipeline: parsed.data } : {}),
    ...(typeof obj.language === "string" ? { language: obj.language } : {}),
  };
}

/** Builds the adapter; relative paths are resolved against `baseDir` (the project folder). */
export function createNluAdapter(
  config: FlowNluConfig,
  baseDir: string,
  warn?: (message: string) => void,
): Promise<FlowNluAdapter> {
  // Errors (missing files, bad training data) become rejections, like a remote NLU's would.
  return Promise.resolve().then(() => buildAdapter(config, baseDir, warn));
}

function buildAdapter(config: FlowNluConfig, baseDir: string, warn?: (message: string) => void): FlowNluAdapter {
  switch (config.type) {
    case "none":
      return noNluAdapter(config.keys);
    case "rasa":
      return rasaNluAdapter({
        url: config.url,
        ...(config.token ? { token: config.token } : {}),
        ...(config.timeout_ms ? { timeoutMs: config.timeout_ms } : {}),
      });
    case "confab": {
      const files = (Array.isArray(config.data) ? config.data : [config.data]).map((f) => path.resolve(baseDir, f));
      const fromFile = config.config ? readRasaConfig(path.resolve(baseDir, config.config)) : {};
      const pipeline = config.pipeline ?? fromFile.pipeline;
      const language = config.language ?? fromFile.language;
      return trainConfabNluAdapter({
        files,
        ...(pipeline ? { pipeline } : {}),
        ...(language ? { language } : {}),
        ...(warn ? { warn } : {}),
      });
    }
  }
}

export function parseNluConfig(raw: unknown, source: string): FlowNluConfig {
  if (raw === undefined || raw === null) return DEFAULT_NLU_CONFIG;
  const result = nluConfigSchema.safeParse(raw);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join(".") || "nlu"}: ${i.message}`).join("; ");
    throw new FlowNluError(`${source}: invalid "nlu" section: ${details}`);
  }
  return result.data;
}
