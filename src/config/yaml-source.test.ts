import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.js";
import { toJsWithEnv } from "./env.js";
import { loadDomain } from "./domain-loader.js";
import { loadModelConfig } from "./model-config.js";
import { YamlFile } from "./yaml-source.js";

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "confab-config-"));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("YAML positions", () => {
  it("reports a syntax error with file:line:col", () => {
    const file = tempFile("domain.yml", 'version: "3.1"\nintents:\n  - greet\n  - [oops\nentities: []\n');
    const err = thrown(() => loadDomain(file));
    expect(err.file).toBe(file);
    expect(err.line).toBe(5);
    expect(err.col).toBe(1);
    expect(err.message.startsWith(`${file}:5:1: YAML syntax error`)).toBe(true);
  });

  it("reports a duplicate key at the second occurrence", () => {
    const file = tempFile("config.yml", "language: en\npipeline: []\nlanguage: de\n");
    const err = thrown(() => loadModelConfig(file));
    expect(err.message).toBe(`${file}:3:1: duplicate key`);
  });

  it("names the dotted key of a shape error", () => {
    const file = tempFile(
      "domain.yml",
      "slots:\n  cuisine:\n    type: text\n    mappings:\n    - type: from_entity\n      entity: cuisine\n    - type: from_intent\n      intent: affirm\n",
    );
    const err = thrown(() => loadDomain(file));
    expect(err.message).toBe(
      `${file}:7:7: from_intent mapping of slot 'cuisine' needs a 'value' (key: slots.cuisine.mappings.1)`,
    );
    expect(err.key).toBe("slots.cuisine.mappings.1");
  });

  it("warns about unknown keys with their position instead of throwing", () => {
    const file = tempFile(
      "domain.yml",
      "intents:\n  - greet\nintens:\n  - bye\nslots:\n  a:\n    type: text\n    mapings: []\n",
    );
    const { warnings, domain } = loadDomain(file);
    expect(domain.intents[0]?.name).toBe("greet");
    expect(warnings).toContain(`${file}:3:1: unknown key 'intens' in domain (key: intens)`);
    expect(warnings).toContain(`${file}:8:5: unknown key 'mapings' in slot 'a' (key: slots.a.mapings)`);
  });

  it("expands ${VAR} in string values and rejects unset variables", () => {
    const src = new YamlFile("endpoints.yml", "a:\n  url: http://${HOST}:${PORT}/x\n  n: 3\nb: ${MISSING}\n");
    const a = src.root().get("a")!;
    expect(toJsWithEnv(a, { HOST: "h", PORT: "1" })).toEqual({ url: "http://h:1/x", n: 3 });
    const err = thrown(() => toJsWithEnv(src.root(), { HOST: "h", PORT: "1" }));
    expect(err.message).toBe("endpoints.yml:4:4: environment variable MISSING not set (key: b)");
  });
});
