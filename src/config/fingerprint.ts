/**
 * @module config/fingerprint
 * Content fingerprints deciding whether a model must be retrained (Rasa skips training when the fingerprint of
 * config, domain and data is unchanged). File paths do not matter, only contents, so moving a project keeps it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Project } from "./project.js";

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** sha256 over the contents of `files`, independent of their order and location. */
export function fingerprintFiles(files: readonly string[], extra: readonly string[] = []): string {
  const parts = [...new Set(files)].map((f) => sha256(readFileSync(f)));
  parts.push(...extra.map((e) => sha256(e)));
  return sha256(parts.sort().join("\n"));
}

/** Everything that affects training: config, domain and data files (or an explicit file list). */
export function projectFingerprint(project: Project | readonly string[]): string {
  if (isFileList(project)) return fingerprintFiles(project);
  const s = project.sources;
  return fingerprintFiles([...s.domain, ...s.nlu, ...s.core], [configPart(project)]);
}

/** What the NLU pipeline depends on: config and NLU data (incl. retrieval responses). */
export function nluFingerprint(project: Project): string {
  return fingerprintFiles(project.sources.nlu, [configPart(project), "nlu"]);
}

/** What the policies depend on: config, domain, stories and rules. */
export function coreFingerprint(project: Project): string {
  const s = project.sources;
  return fingerprintFiles([...s.domain, ...s.core], [configPart(project), "core"]);
}

function configPart(project: Project): string {
  // The effective config rather than the file, so an absent config.yml still fingerprints the defaults.
  return JSON.stringify(project.config);
}

function isFileList(p: Project | readonly string[]): p is readonly string[] {
  return Array.isArray(p);
}
