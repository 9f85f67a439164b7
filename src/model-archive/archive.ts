/**
 * @module model-archive/archive
 * A trained model on disk: `models/<YYYYMMDD-HHMMSS>-<id>.tar.gz` holding `metadata.json`,
 * `domain.json`, `nlu.json` and `core.json` (Confab's own single-file format, named like Rasa's).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfabError } from "../errors.js";
import type { Domain } from "../model/index.js";
import { loadNlu } from "../nlu/index.js";
import type { NluModel } from "../nlu/index.js";
import { loadPolicies } from "../policies/index.js";
import type { PolicyEnsemble } from "../policies/index.js";
import { readTarGz, writeTarGz } from "./tar.js";

export interface ModelMetadata {
  confab_version: string;
  /** The Rasa release whose formats and protocols this model follows. */
  rasa_version: string;
  trained_at: string;
  model_id: string;
  assistant_id: string | null;
  language: string;
  /** Hashes of what the NLU and dialogue parts were trained from; `confab run` retrains when they change. */
  fingerprint: { nlu: string; core: string };
}

export interface TrainedModel {
  metadata: ModelMetadata;
  domain: Domain;
  nlu: NluModel | null;
  policies: PolicyEnsemble;
  /** Where it was loaded from or saved to. */
  file?: string;
}

function timestampName(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  return `${stamp}-${randomBytes(3).toString("hex")}.tar.gz`;
}

export function serializeModel(model: TrainedModel): Buffer {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  return writeTarGz([
    { name: "metadata.json", data: json(model.metadata) },
    { name: "domain.json", data: json(model.domain) },
    { name: "nlu.json", data: json(model.nlu ? model.nlu.toJSON() : null) },
    { name: "core.json", data: json(model.policies.toJSON()) },
  ]);
}

/** Writes the model into `dir` (created if needed) and returns the file path. */
export function saveModel(model: TrainedModel, dir: string, fileName?: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName ?? timestampName(new Date()));
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, serializeModel(model));
  fs.renameSync(tmp, file); // atomic: a half-written model is never picked up as the latest
  model.file = file;
  return file;
}

export function deserializeModel(archive: Buffer, file?: string): TrainedModel {
  try {
    const entries = new Map(readTarGz(archive).map((e) => [e.name, JSON.parse(e.data.toString("utf8")) as unknown]));
    const metadata = entries.get("metadata.json") as ModelMetadata | undefined;
    const domain = entries.get("domain.json") as Domain | undefined;
    if (!metadata || !domain || !entries.has("core.json")) throw new Error("missing metadata, domain or core part");
    const nluJson = entries.get("nlu.json");
    return {
      metadata,
      domain,
      nlu: nluJson == null ? null : loadNlu(nluJson),
      policies: loadPolicies(entries.get("core.json"), domain),
      file,
    };
  } catch (err) {
    throw new ConfabError("CONFAB_ERR_MODEL_ARCHIVE", `Cannot load model${file ? ` '${file}'` : ""}: ${String(err)}`, {
      cause: err,
    });
  }
}

export function loadModel(file: string): TrainedModel {
  return deserializeModel(fs.readFileSync(file), file);
}

/** The newest `*.tar.gz` in `pathOrDir` (a file path is returned as is), or null. */
export function latestModelFile(pathOrDir: string): string | null {
  if (!fs.existsSync(pathOrDir)) return null;
  if (fs.statSync(pathOrDir).isFile()) return pathOrDir;
  const files = fs
    .readdirSync(pathOrDir)
    .filter((f) => f.endsWith(".tar.gz"))
    .map((f) => path.join(pathOrDir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs || b.localeCompare(a));
  return files[0] ?? null;
}
