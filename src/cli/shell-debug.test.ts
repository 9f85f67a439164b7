import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { RASA_FIXTURES, copyProject } from "../testing/fixtures.js";
import { runShell, withReadablePredictions } from "./shell.js";

describe("confab shell --debug", () => {
  it("prints the winning policy and its confidence for every predicted action", async () => {
    const root = copyProject(path.join(RASA_FIXTURES, "moodbot"));
    const lines: string[] = [];
    await runShell(
      { project: root, endpoints: "endpoints.yml", debug: true },
      Readable.from(["/greet\n", "/mood_great\n"]),
      (l) => lines.push(l),
    );
    expect(lines).toContain("debug> next action: utter_greet (policy policy_1_RulePolicy, confidence 1.000)");
    expect(lines).toContain("bot> Hey! How are you?");
    expect(lines.filter((l) => l.startsWith("debug> next action: action_listen"))).toHaveLength(2);
  });

  it("leaves other debug lines to the JSON log", () => {
    const seen: string[] = [];
    const printed: string[] = [];
    const logger = withReadablePredictions(
      { debug: (_o, m) => seen.push(m ?? ""), info: () => {}, warn: () => {}, error: () => {} },
      (l) => printed.push(l),
    );
    logger.debug({ parse: {} }, "Received user message");
    logger.debug({ action: "utter_x", policy: "policy_0_TEDPolicy", confidence: 0.8123 }, "Predicted next action");
    expect(seen).toEqual(["Received user message", "Predicted next action"]);
    expect(printed).toEqual(["debug> next action: utter_x (policy policy_0_TEDPolicy, confidence 0.812)"]);
  });
});
