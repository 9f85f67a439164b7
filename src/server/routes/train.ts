/**
 * @module server/routes/train
 * `POST /model/train`: one YAML document holding config, domain and training data (Rasa 3.x's
 * only accepted format) is trained and answered as the model archive with a `filename` header.
 * `POST /model/test/stories` replays test stories (`evaluation/core`); `/model/test/intents` is in `test-intents`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { parse as parseYaml } from "yaml";
import type { Agent } from "../../agent/agent.js";
import { ConfigError, loadProject, loadTrainingData } from "../../config/index.js";
import { createInterpreter } from "../../core/interpreter.js";
import { testCore } from "../../evaluation/core/index.js";
import { saveModel, serializeModel } from "../../model-archive/archive.js";
import { trainModel } from "../../training/train.js";
import { protectedRoute, requireAgent } from "../api-context.js";
import type { ApiContext } from "../api-context.js";
import { ApiError, DOCS, errorText } from "../api-error.js";
import { boolArg, queryArg, requireBody } from "../request-args.js";
import { answerViaCallback } from "./callback-url.js";
import { trainingJobs } from "./model.js";

export function yamlBody(body: unknown): string {
  if (typeof body !== "string")
    throw new ApiError(
      400,
      "BadRequest",
      "The request body does not contain valid YAML. Error: send the training data as YAML (Content-Type: application/x-yaml).",
      {},
      `${DOCS}/training-data-format`,
    );
  try {
    const doc: unknown = parseYaml(body);
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error("expected a YAML mapping");
  } catch (err) {
    throw new ApiError(
      400,
      "BadRequest",
      `The request body does not contain valid YAML. Error: ${errorText(err)}`,
      {},
      `${DOCS}/training-data-format`,
    );
  }
  return body;
}

export function registerTrainRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post(
    "/model/train",
    protectedRoute(ctx, async (request, reply) => {
      const trainFromRequest = () => {
        requireBody(request, "You must provide training data in the request body in order to train your model.");
        const text = yamlBody(request.body);
        return train(ctx, text, {
          force: boolArg(request, "force_training", false),
          saveDefault: boolArg(request, "save_to_default_model_directory", true),
        });
      };
      const callbackUrl = queryArg(request, "callback_url");
      if (callbackUrl) {
        return answerViaCallback(ctx, reply, callbackUrl, () => ({
          body: trainFromRequest().archive,
          contentType: "application/octet-stream",
        }));
      }
      const { archive, filename } = trainFromRequest();
      return reply
        .type("application/octet-stream")
        .header("filename", filename)
        .header("content-disposition", `attachment; filename="${filename}"`)
        .send(archive);
    }),
  );

  app.post(
    "/model/test/stories",
    protectedRoute(ctx, async (request) => {
      const agent = requireAgent(ctx);
      requireBody(request, "You must provide some stories in the request body in order to evaluate your model.");
      return testStories(agent, yamlBody(request.body), boolArg(request, "e2e", false));
    }),
  );
}

function train(
  ctx: ApiContext,
  text: string,
  options: { force: boolean; saveDefault: boolean },
): { archive: Buffer; filename: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-train-"));
  trainingJobs.count++;
  try {
    const file = path.join(dir, "data.yml");
    fs.writeFileSync(file, text);
    let project;
    try {
      project = loadProject(dir, { config: file, domain: file, data: file, tests: [] });
    } catch (err) {
      if (err instanceof ConfigError)
        throw new ApiError(400, "InvalidDomainError", `Provided domain file is invalid. Error: ${err.message}`);
      throw err;
    }
    const { model } = trainModel(project, { force: options.force, previous: ctx.holder.agent?.model ?? null });
    const archive = options.saveDefault ? fs.readFileSync(saveModel(model, ctx.modelDir)) : serializeModel(model);
    const filename =
      options.saveDefault && model.file ? path.basename(model.file) : `${model.metadata.model_id}.tar.gz`;
    return { archive, filename };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(500, "TrainingError", `An unexpected error occurred during training. Error: ${errorText(err)}`);
  } finally {
    trainingJobs.count--;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Rasa's `rasa.core.test.test` answer: the story report, weighted precision and f1, accuracy, each action. */
async function testStories(agent: Agent, text: string, e2e: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-test-"));
  try {
    const file = path.join(dir, "test_stories.yml");
    fs.writeFileSync(file, text);
    let stories;
    try {
      stories = loadTrainingData([file]).data.stories;
    } catch (err) {
      throw new ApiError(400, "BadRequest", `The request body does not contain valid YAML. Error: ${errorText(err)}`);
    }
    const interpreter = createInterpreter(agent.model.nlu, agent.model.domain);
    const result = await testCore(stories, agent.model.policies, agent.model.domain, {
      outDir: path.join(dir, "results"),
      parse: (t) => interpreter.parse(t),
      e2e,
    });
    const weighted = result.report["weighted avg"] as { precision: number; "f1-score": number } | undefined;
    return {
      report: result.report,
      precision: weighted?.precision ?? 0,
      f1: weighted?.["f1-score"] ?? 0,
      accuracy: result.report.accuracy,
      // Every predicted action of every story, in order (Rasa's `action_list`).
      actions: result.results.flatMap((story) =>
        story.actions.map((a) => ({
          action: a.gold,
          predicted: a.predicted,
          policy: a.policy,
          confidence: a.confidence,
        })),
      ),
      in_training_data_fraction: result.inDataFraction,
      is_end_to_end_evaluation: e2e,
    };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(500, "TestingError", `An unexpected error occurred during evaluation. Error: ${errorText(err)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
