/**
 * @module server/routes/test-intents
 * `POST /model/test/intents` (Rasa's `evaluate_intents`): NLU test data as YAML (`application/x-yaml`) or Rasa NLU
 * JSON (`{"rasa_nlu_data": ...}`) is parsed by the loaded model, or by the one `?model=` names (a path or an http(s)
 * URL), and the evaluation is answered in the shape of Rasa's `run_evaluation` (`evaluation/nlu/rasa-result`).
 * `?cross_validation_folds=N` (YAML only, as in Rasa) instead trains the body's own pipeline on N-1 folds of its data
 * for each fold and evaluates every fold's test part. `?callback_url=` answers 204 and POSTs the result there.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { ConfigError, loadProject, loadTrainingData } from "../../config/index.js";
import {
  crossValidateNlu,
  nluTrainOptions,
  parseExamples,
  rasaNluEvaluation,
  type RasaNluEvaluation,
} from "../../evaluation/nlu/index.js";
import type { TrainedModel } from "../../model-archive/archive.js";
import { protectedRoute, requireAgent } from "../api-context.js";
import type { ApiContext } from "../api-context.js";
import { ApiError, errorText } from "../api-error.js";
import { queryArg, requireBody } from "../request-args.js";
import { answerViaCallback } from "./callback-url.js";
import { modelFromRequest } from "./model.js";
import { yamlBody } from "./train.js";

/** The test data as a file Rasa's readers take: YAML text, or an object in the `rasa_nlu_data` JSON format. */
type TestData = { yaml: string } | { json: Record<string, unknown> };

function testDataOf(body: unknown): TestData {
  if (typeof body === "object" && body !== null && !Array.isArray(body) && "rasa_nlu_data" in body)
    return { json: body };
  return { yaml: yamlBody(body) };
}

function foldsArg(value: string | undefined): number | null {
  if (value === undefined) return null;
  const folds = Number(value);
  if (!Number.isInteger(folds) || folds < 2)
    throw new ApiError(
      400,
      "BadRequest",
      `Invalid parameter value for 'cross_validation_folds'. Should be an integer of at least 2, got '${value}'.`,
      { parameter: "cross_validation_folds", in: "query" },
    );
  return folds;
}

async function requestedModel(ctx: ApiContext, model: string | undefined): Promise<TrainedModel> {
  if (model === undefined || model === "") return requireAgent(ctx).model;
  return /^https?:\/\//i.test(model)
    ? modelFromRequest(ctx, { model_server: { url: model } })
    : modelFromRequest(ctx, { model_file: model });
}

/** Runs `work` on the test data written to a fresh folder as `data.yml` or `data.json`, removed afterwards. */
function withDataFile<T>(data: TestData, work: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "confab-test-nlu-"));
  try {
    const file = path.join(dir, "yaml" in data ? "data.yml" : "data.json");
    fs.writeFileSync(file, "yaml" in data ? data.yaml : JSON.stringify(data.json));
    return work(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function badData(err: unknown): ApiError {
  return new ApiError(400, "BadRequest", `The request body does not contain valid NLU data. Error: ${errorText(err)}`);
}

function evaluateModel(model: TrainedModel, data: TestData): RasaNluEvaluation {
  const examples = withDataFile(data, (file) => {
    try {
      return loadTrainingData([file]).data.nlu.examples;
    } catch (err) {
      throw badData(err);
    }
  });
  if (!model.nlu) throw new ApiError(409, "Conflict", "The model has no NLU part to evaluate: train it with NLU data.");
  return rasaNluEvaluation(parseExamples(model.nlu, examples));
}

/** Rasa's `_cross_validate`: the body is config and NLU data in one YAML document (Rasa's default config if none). */
function crossValidate(yaml: string, folds: number, ctx: ApiContext): RasaNluEvaluation {
  return withDataFile({ yaml }, (file) => {
    let project;
    try {
      project = loadProject(path.dirname(file), { config: file, domain: file, data: file, tests: [] });
    } catch (err) {
      if (err instanceof ConfigError) throw badData(err);
      throw err;
    }
    const warn = (message: string) => ctx.logger.warn({ route: "/model/test/intents" }, message);
    const outDir = path.join(path.dirname(file), "results");
    return crossValidateNlu(project.training.nlu, nluTrainOptions(project, warn), { outDir, folds }).evaluation;
  });
}

function testingError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(500, "TestingError", `An unexpected error occurred during evaluation. Error: ${errorText(err)}`);
}

export function registerTestIntentsRoute(app: FastifyInstance, ctx: ApiContext): void {
  app.post(
    "/model/test/intents",
    protectedRoute(ctx, async (request, reply) => {
      const evaluate = async (): Promise<RasaNluEvaluation> => {
        requireBody(request, "You must provide some nlu data in the request body in order to evaluate your model.");
        const data = testDataOf(request.body);
        const folds = foldsArg(queryArg(request, "cross_validation_folds"));
        if (folds !== null && !("yaml" in data))
          throw new ApiError(400, "TestingError", "Cross-validation is only supported for YAML data.");
        try {
          if (folds !== null && "yaml" in data) return crossValidate(data.yaml, folds, ctx);
          return evaluateModel(await requestedModel(ctx, queryArg(request, "model")), data);
        } catch (err) {
          throw testingError(err);
        }
      };
      const callbackUrl = queryArg(request, "callback_url");
      if (callbackUrl) {
        return answerViaCallback(ctx, reply, callbackUrl, async () => ({
          body: JSON.stringify(await evaluate()),
          contentType: "application/json",
        }));
      }
      return evaluate();
    }),
  );
}
