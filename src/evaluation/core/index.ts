/**
 * @module evaluation/core
 * `confab test core`: evaluates test stories against trained policies and writes Rasa's result files
 * into the output folder: `story_report.json`, `failed_test_stories.yml`, `stories_with_warnings.yml`
 * and `story_confusion_matrix.svg`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Domain, ParseResult, Story } from "../../model/index.js";
import type { PolicyEnsemble } from "../../policies/index.js";
import { confusionSvg } from "./confusion-svg.js";
import type { StoryResult } from "./evaluate.js";
import { evaluateStories } from "./evaluate.js";
import type { StoryReport } from "./report.js";
import { actionPairs, storyReport } from "./report.js";
import { storiesYaml } from "./story-yaml.js";

export { evaluateStories } from "./evaluate.js";
export type { ActionResult, StoryResult } from "./evaluate.js";
export { storyReport, conversationAccuracy } from "./report.js";
export type { StoryReport } from "./report.js";
export { confusionSvg, confusionMatrix } from "./confusion-svg.js";

export interface CoreTestOptions {
  outDir: string;
  parse?: (text: string) => Promise<ParseResult>;
  /** Also write `successful_test_stories.yml` (Rasa's `--successes`). */
  successes?: boolean;
  /** Also score the NLU on every user message (Rasa's `--e2e`). */
  e2e?: boolean;
}

export interface CoreTestResult {
  results: StoryResult[];
  report: StoryReport;
  files: string[];
  /** Share of predictions made by the memorising policies (Memoization, Rule), Rasa's in-data fraction. */
  inDataFraction: number;
}

export async function testCore(
  stories: readonly Story[],
  ensemble: PolicyEnsemble,
  domain: Domain,
  options: CoreTestOptions,
): Promise<CoreTestResult> {
  const results = await evaluateStories(stories, ensemble, domain, { parse: options.parse, e2e: options.e2e });
  const report = storyReport(results);
  mkdirSync(options.outDir, { recursive: true });
  const write = (name: string, text: string) => {
    const file = path.join(options.outDir, name);
    writeFileSync(file, text);
    return file;
  };
  const files = [
    write("story_report.json", JSON.stringify(report, null, 2) + "\n"),
    write(
      "failed_test_stories.yml",
      storiesYaml(
        results.filter((r) => r.failed),
        "None of the test stories failed - all good!",
      ),
    ),
    write(
      "stories_with_warnings.yml",
      storiesYaml(
        results.filter((r) => r.warning && !r.failed),
        "None of the test stories have warnings.",
      ),
    ),
    write("story_confusion_matrix.svg", confusionSvg(actionPairs(results))),
  ];
  if (options.successes) {
    files.push(
      write(
        "successful_test_stories.yml",
        storiesYaml(
          results.filter((r) => !r.failed),
          "None of the test stories succeeded :(",
        ),
      ),
    );
  }
  const all = results.flatMap((r) => r.actions);
  const memorised = all.filter((a) =>
    /_(MemoizationPolicy|AugmentedMemoizationPolicy|RulePolicy)$/.test(a.policy ?? ""),
  );
  return { results, report, files, inDataFraction: all.length === 0 ? 0 : memorised.length / all.length };
}
