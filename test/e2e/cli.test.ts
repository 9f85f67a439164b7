/**
 * The `confab` command line, run as a user runs it (a child process per command).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliArgs } from "../../src/testing/cli-process.js";
import { copyProject, RASA_FIXTURES } from "../../src/testing/fixtures.js";

function confab(args: string[], options: { cwd?: string; input?: string } = {}) {
  const res = spawnSync(process.execPath, cliArgs(args), {
    cwd: options.cwd ?? process.cwd(),
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    timeout: 60_000,
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

describe("confab --help", () => {
  it.each([[[]], [["run"]], [["train"]], [["shell"]], [["data", "validate"]], [["init"]]])("documents %j", (cmd) => {
    const { code, out } = confab([...cmd, "--help"]);
    expect(code).toBe(0);
    expect(out).toMatch(/Usage: confab/);
  });

  it("lists Rasa's run flags", () => {
    const { out } = confab(["run", "--help"]);
    for (const flag of ["--port", "--interface", "--model", "--endpoints", "--credentials", "--debug", "--log-file"]) {
      expect(out).toContain(flag);
    }
  });
});

describe("confab train", () => {
  it("writes models/<timestamp>.tar.gz and reuses unchanged parts on the next run", () => {
    const project = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    const first = confab(["train"], { cwd: project });
    expect(first.code).toBe(0);
    const models = fs.readdirSync(path.join(project, "models"));
    expect(models).toHaveLength(1);
    expect(models[0]).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}\.tar\.gz$/);
    expect(first.out).toMatch(/nlu trained, core trained/);

    const again = confab(["train"], { cwd: project });
    expect(again.out).toMatch(/nlu reused, core reused/);

    fs.appendFileSync(path.join(project, "data/nlu.yml"), "\n- intent: greet\n  examples: |\n    - howdy partner\n");
    const changed = confab(["train", "--fixed-model-name", "mine"], { cwd: project });
    expect(changed.out).toMatch(/nlu trained, core reused/);
    expect(fs.existsSync(path.join(project, "models/mine.tar.gz"))).toBe(true);
  });

  it("works on another folder with --project, and takes explicit paths relative to the current folder", () => {
    const project = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "confab-cwd-"));
    const { code, out } = confab(["train", "--project", project, "--out", "out-models"], { cwd: elsewhere });
    expect(out).toMatch(/nlu trained, core trained/);
    expect(code).toBe(0);
    expect(fs.readdirSync(path.join(elsewhere, "out-models"))).toHaveLength(1);
    fs.copyFileSync(path.join(project, "domain.yml"), path.join(elsewhere, "my-domain.yml"));
    expect(confab(["data", "validate", "--project", project, "-d", "my-domain.yml"], { cwd: elsewhere }).code).toBe(0);
  });

  it("reports a YAML error with file:line:col and exits 1", () => {
    const project = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    fs.writeFileSync(path.join(project, "domain.yml"), 'version: "3.1"\nintents:\n  - greet\n  - [oops\n');
    const { code, out } = confab(["train"], { cwd: project });
    expect(code).toBe(1);
    expect(out).toMatch(/domain\.yml:\d+:\d+/);
  });
});

describe("confab data validate", () => {
  it("accepts a consistent project", () => {
    const project = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    const { code, out } = confab(["data", "validate"], { cwd: project });
    expect(out).toMatch(/Project is valid/);
    expect(code).toBe(0);
  });

  it("names an intent used in a story but missing from the domain, and fails", () => {
    const project = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    fs.writeFileSync(
      path.join(project, "data/extra.yml"),
      'version: "3.1"\nstories:\n- story: ghost\n  steps:\n  - intent: ask_weather\n  - action: utter_greet\n',
    );
    const { code, out } = confab(["data", "validate"], { cwd: project });
    expect(code).toBe(1);
    expect(out).toMatch(/ask_weather/);
    expect(out).toMatch(/extra\.yml:\d+/);
  });
});

describe("confab test", () => {
  it("runs test stories and the NLU evaluation, writing Rasa's report files", () => {
    const project = copyProject(path.join(RASA_FIXTURES, "initial_project"));
    const { code, out } = confab(["test"], { cwd: project });
    expect(code).toBe(0);
    expect(out).toMatch(/Correct: +7 \/ 7/);
    const report = JSON.parse(fs.readFileSync(path.join(project, "results/story_report.json"), "utf8"));
    expect(report.conversation_accuracy).toMatchObject({ accuracy: 1, correct: 7, total: 7 });
    const intents = JSON.parse(fs.readFileSync(path.join(project, "results/intent_report.json"), "utf8"));
    expect(intents.greet).toMatchObject({
      precision: expect.any(Number),
      recall: expect.any(Number),
      support: expect.any(Number),
    });
  });

  it("cross-validates the NLU data with confab test nlu --cross-validation", () => {
    const project = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    const { code } = confab(["test", "nlu", "--cross-validation", "--folds", "2", "--out", "cv"], { cwd: project });
    expect(code).toBe(0);
    expect(fs.readdirSync(path.join(project, "cv"))).toContain("intent_report.json");
  });
});

describe("confab init and shell", () => {
  it("scaffolds a project that validates, trains and chats in the shell", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "confab-init-")), "bot");
    const init = confab(["init", dir]);
    expect(init.code).toBe(0);
    for (const f of ["config.yml", "domain.yml", "data/nlu.yml", "tests/test_stories.yml", ".gitignore"]) {
      expect(fs.existsSync(path.join(dir, f))).toBe(true);
    }
    expect(confab(["init", dir]).code).toBe(1);
    expect(confab(["data", "validate"], { cwd: dir }).code).toBe(0);

    const shell = confab(["shell"], { cwd: dir, input: "hello\n/stop\n" });
    expect(shell.code).toBe(0);
    expect(shell.out).toMatch(/bot> /);
  });

  it("answers a numbered button in the shell with its payload", () => {
    const project = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    const { out } = confab(["shell"], { cwd: project, input: "hi\n1\n" });
    expect(out).toContain("1: great (/mood_great)");
    expect(out).toContain("bot> Great, carry on!");
  });

  it("shows each turn's parse result, predictions and events with --debug", () => {
    const project = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    const { out } = confab(["shell", "--debug"], { cwd: project, input: "hi\n" });
    const logs = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map(
        (l) => JSON.parse(l) as { msg: string; parse?: unknown; action?: string; policy?: string; events?: unknown[] },
      );
    expect(logs.find((l) => l.msg === "Received user message")?.parse).toMatchObject({ intent: { name: "greet" } });
    expect(logs.find((l) => l.msg === "Predicted next action" && l.action === "utter_greet")?.policy).toMatch(
      /Policy$/,
    );
    expect(logs.find((l) => l.msg === "Turn finished")?.events?.length).toBeGreaterThan(3);
  });
});
