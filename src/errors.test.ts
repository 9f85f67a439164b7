import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "./errors.js";

describe("error catalog", () => {
  const doc = fs.readFileSync("docs/errors.md", "utf8");
  const documented = [...doc.matchAll(/^\| `(CONFAB_ERR_[A-Z_]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);

  it("documents every code with its message, and nothing else", () => {
    expect(Object.fromEntries(documented)).toEqual(ERROR_CODES);
  });
});
