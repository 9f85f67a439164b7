import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createAgent } from "../agent/agent.js";
import { loadProject } from "../config/index.js";
import { silentLogger } from "../ports/index.js";
import { buildServer } from "../server/app.js";
import { MemoryTrackerStore } from "../stores/tracker/memory-tracker-store.js";
import { trainModel } from "../training/train.js";
import { countingLogger, measuredHandler, Metrics } from "./metrics.js";

function projectWithCustomAction(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-metrics-"));
  fs.writeFileSync(
    path.join(dir, "domain.yml"),
    'version: "3.1"\nintents: [greet]\nactions: [action_hello]\nresponses:\n  utter_ok:\n  - text: ok\n',
  );
  fs.mkdirSync(path.join(dir, "data"));
  fs.writeFileSync(
    path.join(dir, "data/data.yml"),
    'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi\n    - hello\nrules:\n- rule: hello\n  steps:\n  - intent: greet\n  - action: action_hello\n',
  );
  fs.writeFileSync(
    path.join(dir, "config.yml"),
    "recipe: default.v1\nassistant_id: m\nlanguage: en\npolicies:\n- name: RulePolicy\n",
  );
  return dir;
}

describe("metrics", () => {
  it("counts only warnings and errors that carry a code", async () => {
    const metrics = new Metrics();
    const logger = countingLogger(silentLogger, metrics);
    logger.error({ code: "CONFAB_ERR_X" }, "boom");
    logger.warn({ code: "CONFAB_ERR_X" }, "again");
    logger.error({}, "no code");
    logger.info({ code: "CONFAB_ERR_Y" }, "info is not an error");
    const text = await metrics.text();
    expect(text).toContain('confab_errors_total{code="CONFAB_ERR_X"} 2');
    expect(text).not.toContain("CONFAB_ERR_Y");
  });

  it("shows an unreachable action server and the handled messages at GET /metrics", async () => {
    const root = projectWithCustomAction();
    const metrics = new Metrics();
    const { model } = trainModel(loadProject(root));
    const agent = createAgent({
      model,
      projectRoot: root,
      logger: countingLogger(silentLogger, metrics),
      trackerStore: new MemoryTrackerStore(),
      endpoints: { action_endpoint: { url: "http://127.0.0.1:9/webhook" } },
    });
    const app = buildServer({ handleMessage: measuredHandler(agent.handleMessage, metrics), metrics });
    const res = await app.inject({
      method: "POST",
      url: "/webhooks/rest/webhook",
      payload: { sender: "m", message: "hi" },
    });
    expect(res.statusCode).toBe(200);
    const text = (await app.inject({ method: "GET", url: "/metrics" })).body;
    expect(text).toContain('confab_errors_total{code="CONFAB_ERR_ACTION_SERVER_UNREACHABLE"} 1');
    expect(text).toContain('confab_messages_total{channel="rest"} 1');
    expect(text).toMatch(/confab_turn_duration_seconds_count 1/);
    // The failed action is still logged on the tracker: nothing accepted is lost.
    const tracker = await agent.processor.fetchTracker("m");
    expect(tracker.events.some((e) => e.event === "action" && e.name === "action_hello")).toBe(true);
    await app.close();
    await agent.close();
  });
});
