/**
 * @module cli/test
 * `confab test [core|nlu]` (Rasa's `rasa test`, `rasa-protocol.md` §7.6): `core` replays the test stories
 * (`tests/test_*.yml`) against the trained model without executing any action and writes the results
 * into `results/`; `nlu` is registered by `test-nlu.ts`; plain `confab test` runs both.
 */
import path from "node:path";
import type { Command } from "commander";
import { loadProject } from "../config/index.js";
import { createInterpreter } from "../core/interpreter.js";
import type { StoryResult } from "../evaluation/core/index.js";
import { testCore } from "../evaluation/core/index.js";
import { runNluTest } from "../evaluation/nlu/index.js";
import { ensureModel, projectOverrides } from "./project-model.js";
import { registerTestNluCommand } from "./test-nlu.js";

export interface TestCoreOptions {
  model?: string;
  stories?: string[];
  out?: string;
  failOnPredictionErrors?: boolean;
  successes?: boolean;
  e2e?: boolean;
  project?: string;
  config?: string;
  domain?: string;
}

const pct = (n: number) => `${(n * 100).toFixed(2)}%`;

/** The story's first wrong prediction, an action or (end-to-end) a user message's intent or entities. */
function firstMistake(story: StoryResult): string {
  const action = story.actions.find((a) => a.gold !== a.predicted);
  const utterance = story.utterances.find((u) => u.wrong);
  if (utterance && (!action || utterance.eventIndex < action.eventIndex)) {
    const entities = (list: { entity: string; value: string }[]) =>
      list.map((e) => `${e.entity}=${e.value}`).join(", ");
    return utterance.predictedIntent !== utterance.goldIntent
      ? `'${utterance.text}' expected intent '${utterance.goldIntent}', predicted '${utterance.predictedIntent ?? "None"}'`
      : `'${utterance.text}' expected entities [${entities(utterance.goldEntities)}], predicted [${entities(utterance.predictedEntities)}]`;
  }
  return `expected '${action!.gold}', predicted '${action!.predicted}' (${action!.policy ?? "?"})`;
}

/** Runs the core evaluation; returns the number of failed stories. */
export async function runTestCore(options: TestCoreOptions, print: (line: string) => void): Promise<number> {
  const root = path.resolve(options.project ?? ".");
  const overrides = projectOverrides({ config: options.config, domain: options.domain });
  const { model } = ensureModel({ root, model: options.model, overrides, print });
  const tests = options.stories?.map((s) => path.resolve(s));
  const project = loadProject(root, { ...overrides, ...(tests ? { tests } : {}) });
  const stories = project.testStories;
  if (stories.length === 0) {
    print(`No test stories found (looked in ${tests?.join(", ") ?? path.join(root, "tests")}).`);
    return 0;
  }
  const interpreter = createInterpreter(model.nlu, model.domain);
  const outDir = path.resolve(root, options.out ?? "results");
  const result = await testCore(stories, model.policies, model.domain, {
    outDir,
    successes: options.successes,
    e2e: options.e2e,
    parse: (text) => interpreter.parse(text),
  });
  const conv = result.report.conversation_accuracy;
  const weighted = result.report["weighted avg"] as { precision: number; "f1-score": number };
  print("Evaluation Results on CONVERSATION level:");
  print(`\tCorrect:          ${conv.correct} / ${conv.total}`);
  print(`\tAccuracy:         ${pct(conv.accuracy)}`);
  print("Evaluation Results on ACTION level:");
  const actions = result.results.flatMap((r) => r.actions);
  print(`\tCorrect:          ${actions.filter((a) => a.gold === a.predicted).length} / ${actions.length}`);
  print(`\tF1-Score:         ${weighted["f1-score"].toFixed(3)}`);
  print(`\tPrecision:        ${weighted.precision.toFixed(3)}`);
  print(`\tAccuracy:         ${result.report.accuracy.toFixed(3)}`);
  print(`\tIn-data fraction: ${result.inDataFraction.toFixed(3)}`);
  for (const failed of result.results.filter((r) => r.failed))
    print(`FAILED story '${failed.name}': ${firstMistake(failed)}`);
  print(`Results written to ${outDir}`);
  return conv.total - conv.correct;
}

export function registerTestCommand(program: Command, print: (line: string) => void): void {
  const withCoreOptions = (cmd: Command) =>
    cmd
      .option("-m, --model <path>", "trained model file or folder (default: the latest in models/, trains if needed)")
      .option("-s, --stories <paths...>", "test story files or folders (default: tests/)")
      .option("--out <dir>", "output folder for the results (default: results)")
      .option("--fail-on-prediction-errors", "exit with a non-zero code when a test story fails")
      .option("--successes", "also write successful_test_stories.yml")
      .option("--e2e", "end-to-end: also check the NLU's intent and entities on every user message of the stories")
      .option("-c, --config <file>", "model configuration file")
      .option("-d, --domain <path>", "domain file or folder")
      .option("--project <dir>", "project folder (Confab extension; default: the current folder)");
  // `confab test core --project x`: the parent command parses shared options, so merge both levels.
  const core = async (_options: TestCoreOptions, cmd: Command) => {
    const options = cmd.optsWithGlobals<TestCoreOptions>();
    const failed = await runTestCore(options, print);
    if (failed > 0 && options.failOnPredictionErrors) {
      print(`${failed} test stor${failed === 1 ? "y" : "ies"} failed (--fail-on-prediction-errors).`);
      process.exitCode = 1;
    }
  };
  const test = withCoreOptions(
    program.command("test").description("Test the trained model on test stories (core) and NLU data (nlu)"),
  );
  // Options after `core`/`nlu` belong to that subcommand (both define --out, -m, ...).
  test.enablePositionalOptions();
  // Plain `confab test` runs both, as `rasa test` does: test stories, then the NLU data.
  test.action(async (options: TestCoreOptions, cmd: Command) => {
    await core(options, cmd);
    const root = path.resolve(options.project ?? ".");
    const project = loadProject(root, projectOverrides({ config: options.config, domain: options.domain }));
    const { model } = ensureModel({ root, model: options.model, print: () => undefined });
    runNluTest({
      project,
      model: model.nlu,
      crossValidation: false,
      folds: 5,
      outDir: path.resolve(root, options.out ?? "results"),
      print,
    });
  });
  registerTestNluCommand(test, print);
  withCoreOptions(test.command("core").description("Test the dialogue model on test stories")).action(core);
}
