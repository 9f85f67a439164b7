import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkCallbacks, FlowDefinitionError, loadKbFile, loadProcessFile, parseProcess } from "./index.js";

const fixtures = path.resolve(process.cwd(), "../shared/fixtures/mcc");
const paths = JSON.parse(readFileSync(path.join(fixtures, "engine-paths.json"), "utf8"));

function issuesOf(raw: unknown) {
  try {
    parseProcess(raw);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(FlowDefinitionError);
    return (err as FlowDefinitionError).issues;
  }
}

describe("process validation (engine-paths.json cases)", () => {
  for (const c of paths.process_validation_cases) {
    it(`${c.name} → ${c.expected}`, () => {
      const issues = issuesOf(c.process);
      if (c.expected === "valid") expect(issues).toEqual([]);
      else expect(issues.length).toBeGreaterThan(0);
    });
  }
});

describe("errors name the activity", () => {
  it("unknown type and unknown key name the activity", () => {
    const issues = issuesOf({
      first_activity_id: "one",
      activities: [{ my_id: "one", next_id: null, my_type: "loop", colour: "red" }],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ activity: "one", message: expect.stringContaining('"colour"') }),
        expect.objectContaining({ activity: "one", message: expect.stringContaining("unknown type") }),
      ]),
    );
  });

  it("reports an unreachable activity", () => {
    const issues = issuesOf({
      first_activity_id: "a",
      activities: [
        { my_id: "a", next_id: "end", my_type: "start" },
        { my_id: "orphan", next_id: "end", my_type: "task" },
        { my_id: "end", next_id: null, my_type: "end" },
      ],
    });
    expect(issues).toEqual([{ activity: "orphan", message: 'unreachable from "a"' }]);
  });

  it("reports a PARALLEL gateway whose branch can never return", () => {
    const issues = issuesOf({
      first_activity_id: "s",
      activities: [
        { my_id: "s", next_id: "par", my_type: "start" },
        { my_id: "par", next_id: "end", my_type: "parallel", choices: ["ok", "dead"] },
        { my_id: "ok", next_id: null, my_type: "task" },
        { my_id: "dead", next_id: "end", my_type: "task" },
        { my_id: "end", next_id: null, my_type: "end" },
      ],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ activity: "par", message: expect.stringContaining('branch "dead"') });
  });

  it("the error message lists every issue with its activity", () => {
    expect(() =>
      parseProcess({ first_activity_id: "x", activities: [{ my_id: "x", next_id: "x", my_type: "task" }] }),
    ).toThrow(/activity "x": "next_id" must not point to the activity itself/);
  });

  it("checks callbacks: missing for non-END activities, extra ids flagged, END needs none", () => {
    const proc = parseProcess({
      first_activity_id: "s",
      activities: [
        { my_id: "s", next_id: "t", my_type: "start" },
        { my_id: "t", next_id: "e", my_type: "task" },
        { my_id: "e", next_id: null, my_type: "end" },
      ],
    });
    expect(checkCallbacks(proc, { s: () => ({}), tt: () => ({}) })).toEqual([
      { activity: "t", message: "no callback for this TASK activity" },
      { activity: "tt", message: "callback for an activity not in the process" },
    ]);
  });
});

describe("loading files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "flowdef-"));

  it("reads the same process from YAML and from JSON", () => {
    const yamlFile = path.join(dir, "process.yml");
    writeFileSync(
      yamlFile,
      [
        "first_activity_id: start",
        "activities:",
        "  - {my_id: start, next_id: echo, my_type: START}",
        "  - {my_id: echo, next_id: end, my_type: TASK}",
        "  - {my_id: end, next_id: null, my_type: END}",
      ].join("\n"),
    );
    const fromYaml = loadProcessFile(yamlFile);
    const fromJson = loadProcessFile(path.join(fixtures, "quickstart/my_process.json"));
    expect([...fromYaml.activities.values()]).toEqual([...fromJson.activities.values()]);
  });

  it("names the file on a syntax error and rejects a non-object KB", () => {
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "{ nope");
    expect(() => loadProcessFile(bad)).toThrow(/bad\.json[\s\S]*not valid JSON/);
    const list = path.join(dir, "kb.json");
    writeFileSync(list, "[1,2]");
    expect(() => loadKbFile(list)).toThrow(/knowledge base must be an object/);
  });
});
