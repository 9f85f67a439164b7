import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { RASA_FIXTURES } from "../testing/fixtures.js";
import { openApiDocument } from "./openapi.js";

interface Op {
  operationId: string;
  parameters?: { name?: string; $ref?: string }[];
  responses: Record<string, unknown>;
}
type Paths = Record<string, Record<string, Op>>;

const rasa = parse(fs.readFileSync(path.join(RASA_FIXTURES, "openapi/rasa.yml"), "utf8")) as {
  paths: Paths;
  components: { parameters: Record<string, { name: string }> };
};
const ours = openApiDocument() as { paths: Paths };

const paramNames = (op: Op) =>
  (op.parameters ?? []).map((p) => p.name ?? rasa.components.parameters[p.$ref!.split("/").pop()!]!.name).sort();

describe("/openapi.json against Rasa's spec", () => {
  const shared = Object.entries(rasa.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => [m, p] as const));

  it("describes every Rasa operation", () => {
    expect(shared.length).toBeGreaterThan(15);
    for (const [method, p] of shared) expect(ours.paths[p]?.[method], `${method} ${p}`).toBeDefined();
  });

  it.each(shared)("%s %s: same operation id, parameters, and at least Rasa's status codes", (method, p) => {
    const theirs = rasa.paths[p]![method]!;
    const mine = ours.paths[p]![method]!;
    expect(mine.operationId).toBe(theirs.operationId);
    expect(paramNames(mine)).toEqual(paramNames(theirs));
    for (const code of Object.keys(theirs.responses)) expect(Object.keys(mine.responses)).toContain(code);
  });
});
