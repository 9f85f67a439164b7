/**
 * A conversation survives the server being killed (SIGKILL) and restarted: the SQLite tracker
 * store (the default) keeps every event that was accepted.
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startConfabRun } from "../../src/testing/cli-process.js";
import { copyProject, RASA_FIXTURES } from "../../src/testing/fixtures.js";

const children: ChildProcess[] = [];

async function startConfab(project: string) {
  const running = await startConfabRun(["--project", project, "-p", "0", "-i", "127.0.0.1", "--no-mcc-port"]);
  children.push(running.child);
  return running;
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

describe("confab run in a process-flow folder", () => {
  it("serves the flow's REST backend instead of a Rasa bot", async () => {
    const running = await startConfab(path.resolve("examples/flows/quickstart"));
    children.push(running.child);
    const res = await fetch(`${running.url}/get_uid`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("confab run actions", () => {
  it("serves the TypeScript actions of a folder over Rasa's action-server protocol", async () => {
    const running = await startConfabRun([
      "actions",
      "--actions",
      path.resolve("examples/actions/formbot"),
      "-p",
      "0",
      "-i",
      "127.0.0.1",
    ]);
    children.push(running.child);
    const base = running.url.replace(/\/webhook$/, "");
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: "ok" });
    const actions = (await (await fetch(`${base}/actions`)).json()) as { name: string }[];
    expect(actions.map((a) => a.name)).toContain("validate_restaurant_form");
  });
});
