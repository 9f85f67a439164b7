/**
 * A conversation survives the server being killed (SIGKILL) and restarted: the SQLite tracker
 * store (the default) keeps every event that was accepted.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cliArgs } from "../../src/testing/cli-process.js";
import { copyProject, RASA_FIXTURES } from "../../src/testing/fixtures.js";

const children: ChildProcess[] = [];

function startConfab(project: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, cliArgs(["run", "--project", project, "-p", "0", "-i", "127.0.0.1"]), {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true" },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running on (http:\/\/[^\s]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

async function say(url: string, sender: string, message: string): Promise<{ text?: string }[]> {
  const res = await fetch(`${url}/webhooks/rest/webhook`, {
    method: "POST",
    body: JSON.stringify({ sender, message }),
  });
  return (await res.json()) as { text?: string }[];
}

afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

describe("restart after SIGKILL", () => {
  it("continues the conversation where it stopped", async () => {
    const project = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    const first = await startConfab(project);
    await say(first.url, "survivor", "hello");
    const sad = await say(first.url, "survivor", "I am sad");
    expect(sad.at(-1)?.text).toBe("Did that help you?");
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("close", r));

    const second = await startConfab(project);
    // "yes" only leads to utter_happy if the bot remembers it just asked "Did that help you?".
    expect(await say(second.url, "survivor", "yes")).toEqual([{ recipient_id: "survivor", text: "Great, carry on!" }]);
  });
});
