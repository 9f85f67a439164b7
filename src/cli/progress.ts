/**
 * @module cli/progress
 * Training progress: a bar on an interactive terminal, nothing in CI or when piped.
 */
import cliProgress from "cli-progress";

export type ProgressFn = (stage: "nlu" | "core", done: number, total: number) => void;

export function createProgress(): { onProgress: ProgressFn; stop: () => void } {
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  if (!interactive) return { onProgress: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: "Training {stage} [{bar}] {percentage}%", stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let currentStage = "";
  return {
    onProgress(stage, done, total) {
      if (!started || stage !== currentStage) {
        if (started) bar.stop();
        bar.start(total, done, { stage });
        started = true;
        currentStage = stage;
      } else {
        bar.update(done, { stage });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
