import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../../src/actions/remote/test-helpers.js";
import { runActionServer } from "../../../src/cli/run-actions.js";
import { cliArgs } from "../../../src/testing/cli-process.js";
import { RASA_FIXTURES } from "../../../src/testing/fixtures.js";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

/** Spawns the CLI from source and resolves with its output once `ready` matches. */
function startCli(args: string[], ready: RegExp): Promise<string> {
  const child = spawn(process.execPath, cliArgs(args), { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

describe("CLI", () => {
  it("confab nlg-server serves the project's responses", async () => {
    const port = await freePort();
    const project = `${RASA_FIXTURES}/formbot`;
    await startCli(["nlg-server", "--project", project, "--port", String(port), "-i", "127.0.0.1"], /running on/);
    const res = await fetch(`http://127.0.0.1:${port}/nlg`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        response: "utter_submit",
        arguments: {},
        tracker: { slots: {} },
        channel: { name: "rest" },
      }),
    });
    expect(await res.json()).toEqual({ text: "All done!" });
  });

  it("runActionServer (confab run actions) serves every action exported below the folder", async () => {
    const lines: string[] = [];
    const server = await runActionServer({
      actionsDir: "examples/actions",
      port: 0,
      host: "127.0.0.1",
      print: (l) => lines.push(l),
    });
    try {
      const names = ((await (await fetch(`${server.url}/actions`)).json()) as { name: string }[]).map((a) => a.name);
      expect(names).toContain("validate_restaurant_form");
      expect(names).toContain("action_switch_faq");
      expect(names).toContain("action_set_opinion_slot_as_good");
      expect(names).toContain("validate_introduction_form");
      expect(lines.at(-1)).toBe(`Action server is up and running on ${server.url}/webhook`);
    } finally {
      await server.close();
    }
  });
});
