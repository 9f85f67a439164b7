/**
 * @module rooms/config
 * `rooms.yml`: the file that makes a folder a rooms project (`confab run` serves it).
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { expandEnv } from "../config/env.js";

export const ROOMS_FILE = "rooms.yml";

const pacing = z
  .object({
    ms_per_char: z.number().min(0).default(40),
    min_delay_ms: z.number().min(0).default(800),
    max_delay_ms: z.number().min(0).default(4000),
  })
  .strict();

const bot = z
  .object({
    /** In-process Confab project folder (relative to rooms.yml). */
    project: z.string().optional(),
    /** Remote Rasa-compatible server base URL (callback channel + HTTP API). */
    url: z.string().url().optional(),
    /** Token for the remote server's HTTP API (`--auth-token`), sent as `?token=`. */
    token: z.string().optional(),
    names: z.array(z.string().min(1)).min(1).default(["Bob", "Alice", "John", "Dylan"]),
  })
  .strict()
  .refine((b) => (b.project === undefined) !== (b.url === undefined), {
    message: "a bot needs exactly one of 'project' (in-process) or 'url' (remote server)",
  });

const schema = z
  .object({
    room_size: z.number().int().min(1).max(50).default(2),
    redirect_target: z.string().default("/"),
    admin_password: z.string().optional(),
    database: z.string().default(".confab/tracker.db"),
    pacing: pacing.default({ ms_per_char: 40, min_delay_ms: 800, max_delay_ms: 4000 }),
    quiet_seconds: z.number().min(0).default(5),
    /** Public base URL of this server, for callbacks from remote bots and the actions' API calls. */
    public_url: z.string().url().optional(),
    artists: z.string().optional(),
    bots: z.record(z.string().min(1), bot).refine((b) => Object.keys(b).length > 0, "at least one bot type"),
  })
  .strict();

export type RoomsConfig = z.infer<typeof schema>;
export type BotConfig = z.infer<typeof bot>;
export type PacingConfig = z.infer<typeof pacing>;

export class RoomsConfigError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}: ${problems.join("; ")}`);
    this.name = "RoomsConfigError";
  }
}

export function isRoomsProject(dir: string): boolean {
  return fs.existsSync(path.join(dir, ROOMS_FILE));
}

export interface LoadedRoomsConfig {
  config: RoomsConfig;
  warnings: string[];
}

export function loadRoomsConfig(dir: string, env: Record<string, string | undefined> = process.env): LoadedRoomsConfig {
  const file = path.join(dir, ROOMS_FILE);
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, "utf8")) ?? {};
  } catch (error) {
    throw new RoomsConfigError(file, [(error as Error).message]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new RoomsConfigError(
      file,
      result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  const config = result.data;
  const warnings: string[] = [];
  if (config.admin_password !== undefined) {
    const { value, missing } = expandEnv(config.admin_password, env);
    if (missing.length > 0 || value.length === 0) {
      warnings.push(`admin_password: ${missing.join(", ") || "value"} not set; the admin API is disabled`);
      config.admin_password = undefined;
    } else {
      config.admin_password = value;
    }
  } else {
    warnings.push("no admin_password in rooms.yml; the admin API is disabled");
  }
  return { config, warnings };
}
