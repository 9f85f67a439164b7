import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FlowDefinitionError } from "./definition/index.js";
import { isFlowProject } from "./project-files.js";
import { loadFlowProject, runFlowProject } from "./project.js";

const MCC = path.resolve(process.cwd(), "../shared/fixtures/mcc");
const EXAMPLES = path.resolve(process.cwd(), "examples/flows");

/** MCC's backend layout: config/my_process.json, my_kb.json and (here) a JS callbacks module. */
function mccLayout(callbacks: string | undefined): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mcc-layout-"));
  mkdirSync(path.join(dir, "config"));
  copyFileSync(path.join(MCC, "quickstart/my_process.json"), path.join(dir, "config/my_process.json"));
  copyFileSync(path.join(MCC, "quickstart/my_kb.json"), path.join(dir, "config/my_kb.json"));
  if (callbacks) writeFileSync(path.join(dir, "config/my_callbacks.mjs"), callbacks);
  return dir;
}

describe("flow projects", () => {
  it("recognises both layouts and nothing else", () => {
    expect(isFlowProject(path.join(EXAMPLES, "quickstart"))).toBe(true);
    expect(isFlowProject(mccLayout(undefined))).toBe(true);
    expect(isFlowProject(path.resolve(process.cwd(), "../shared/fixtures/rasa/moodbot"))).toBe(false);
  });

  it("loads MCC's layout with a .mjs callbacks module exporting one function per activity", async () => {
    const dir = mccLayout(
      [
        'export const start = (d, kb, ctx) => ({ kb, ctx, complete: true, utterance: "Hi" });',
        'export const echo = (d, kb, ctx) => ({ kb, ctx, complete: true, utterance: "got " + d.echo });',
      ].join("\n"),
    );
    writeFileSync(path.join(dir, "config/flow.yml"), "nlu:\n  type: none\n  keys: [echo]\n");
    const runtime = await loadFlowProject(dir, { store: "memory" });
    const { interaction, reply } = await runtime.start("u");
    expect(reply.utterance).toBe("Hi");
    expect((await runtime.handle("u", interaction, { type: "utterance", utterance: "yo " })).utterance).toBe(
      "got yo\nProcess completed!",
    );
    await runtime.close();
  });

  it("names the activity whose callback is missing, and a missing module", async () => {
    const dir = mccLayout("export default { start: () => ({ complete: true }) };");
    const err = await loadFlowProject(dir, { store: "memory" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowDefinitionError);
    expect((err as Error).message).toContain('activity "echo": no callback for this TASK activity');
    await expect(loadFlowProject(mccLayout(undefined), { store: "memory" })).rejects.toThrow(/no callbacks module/);
  });

  it("reports a bad flow.yml with the file name", async () => {
    const dir = mccLayout("export default {};");
    writeFileSync(path.join(dir, "config/flow.yml"), "nlu:\n  type: luis\n");
    await expect(loadFlowProject(dir, { store: "memory" })).rejects.toThrow(/flow\.yml: invalid "nlu" section/);
  });

  it("runFlowProject serves REST and the page, and closes cleanly", async () => {
    const project = await runFlowProject({
      dir: path.join(EXAMPLES, "quickstart"),
      port: 0,
      host: "127.0.0.1",
      mccPort: false,
      store: "memory",
    });
    try {
      const res = await fetch(`${project.url}/init`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ uid: "x" }),
      });
      expect(await res.text()).toBe('{"utterance": "Ready", "payload": {"echo": "Ready"}}');
      expect(project.mccUrl).toBeUndefined();
    } finally {
      await project.close();
    }
  });
});
