/**
 * Test helpers: paths into ../shared and throw-away copies of fixture projects.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const SHARED = path.resolve(process.cwd(), "../shared");
export const RASA_FIXTURES = path.join(SHARED, "fixtures/rasa");

/** Copies a fixture project into a fresh temp folder (tests never write into ../shared). */
export function copyProject(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `confab-${path.basename(source)}-`));
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}
