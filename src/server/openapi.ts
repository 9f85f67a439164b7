/**
 * @module server/openapi
 * The OpenAPI description served at `/openapi.json`: Rasa's operations (same paths, operation ids
 * and parameter names as Rasa's spec) plus the status codes Confab answers.
 */
import { CONFAB_VERSION, RASA_VERSION } from "../version.js";

type Param = [name: string, location: "path" | "query", type: "string" | "boolean" | "number" | "integer"];
interface Operation {
  method: "get" | "post" | "put" | "delete";
  path: string;
  id: string;
  summary: string;
  params?: Param[];
  body?: string[];
  responses: number[];
}

const ID: Param = ["conversation_id", "path", "string"];
const EVENTS: Param = ["include_events", "query", "string"];
const OUTPUT: Param = ["output_channel", "query", "string"];
const UNTIL: Param = ["until", "query", "number"];
const JSON_BODY = ["application/json"];
const CONVERSATION = [200, 400, 401, 403, 404, 409, 500];

const OPERATIONS: Operation[] = [
  { method: "get", path: "/", id: "getHealth", summary: "Health endpoint", responses: [200] },
  { method: "get", path: "/version", id: "getVersion", summary: "Version of Rasa", responses: [200] },
  {
    method: "get",
    path: "/status",
    id: "getStatus",
    summary: "Status of the loaded model",
    responses: [200, 401, 403, 409],
  },
  {
    method: "get",
    path: "/conversations/{conversation_id}/tracker",
    id: "getConversationTracker",
    summary: "Retrieve a conversations tracker",
    params: [ID, EVENTS, UNTIL],
    responses: [200, 400, 401, 403, 409, 500],
  },
  {
    method: "post",
    path: "/conversations/{conversation_id}/tracker/events",
    id: "addConversationTrackerEvents",
    summary: "Append events to a tracker",
    params: [ID, EVENTS, OUTPUT, ["execute_side_effects", "query", "boolean"]],
    body: JSON_BODY,
    responses: [200, 400, 401, 403, 409, 500],
  },
  {
    method: "put",
    path: "/conversations/{conversation_id}/tracker/events",
    id: "replaceConversationTrackerEvents",
    summary: "Replace a trackers events",
    params: [ID, EVENTS],
    body: JSON_BODY,
    responses: [200, 400, 401, 403, 409, 500],
  },
  {
    method: "get",
    path: "/conversations/{conversation_id}/story",
    id: "getConversationStory",
    summary: "Retrieve an end-to-end story corresponding to a conversation",
    params: [ID, UNTIL, ["all_sessions", "query", "boolean"]],
    responses: [200, 401, 403, 404, 409, 500],
  },
  {
    method: "post",
    path: "/conversations/{conversation_id}/execute",
    id: "executeConversationAction",
    summary: "Run an action in a conversation",
    params: [ID, EVENTS, OUTPUT],
    body: JSON_BODY,
    responses: CONVERSATION,
  },
  {
    method: "post",
    path: "/conversations/{conversation_id}/trigger_intent",
    id: "triggerConversationIntent",
    summary: "Inject an intent into a conversation",
    params: [ID, EVENTS, OUTPUT],
    body: JSON_BODY,
    responses: CONVERSATION,
  },
  {
    method: "post",
    path: "/conversations/{conversation_id}/predict",
    id: "predictConversationAction",
    summary: "Predict the next action",
    params: [ID],
    responses: CONVERSATION,
  },
  {
    method: "post",
    path: "/conversations/{conversation_id}/messages",
    id: "addConversationMessage",
    summary: "Add a message to a tracker",
    params: [ID, EVENTS],
    body: JSON_BODY,
    responses: [200, 400, 401, 403, 409, 500],
  },
  {
    method: "post",
    path: "/model/train",
    id: "trainModel",
    summary: "Train a Rasa model",
    params: [
      ["save_to_default_model_directory", "query", "boolean"],
      ["force_training", "query", "boolean"],
      ["augmentation", "query", "string"],
      ["num_threads", "query", "string"],
      ["callback_url", "query", "string"],
    ],
    body: ["application/yaml", "application/x-yaml"],
    responses: [200, 204, 400, 401, 403, 500],
  },
  {
    method: "post",
    path: "/model/test/stories",
    id: "testModelStories",
    summary: "Evaluate stories",
    params: [["e2e", "query", "boolean"]],
    body: ["text/yml", "application/x-yaml"],
    responses: [200, 400, 401, 403, 409, 500],
  },
  {
    method: "post",
    path: "/model/test/intents",
    id: "testModelIntent",
    summary: "Perform an intent evaluation",
    params: [
      ["model", "query", "string"],
      ["callback_url", "query", "string"],
      ["cross_validation_folds", "query", "integer"],
    ],
    body: ["application/json", "application/x-yaml"],
    responses: [200, 204, 400, 401, 403, 409, 500],
  },
  {
    method: "post",
    path: "/model/predict",
    id: "predictModelAction",
    summary: "Predict an action on a temporary state",
    params: [EVENTS],
    body: JSON_BODY,
    responses: [200, 400, 401, 403, 409, 500],
  },
  {
    method: "post",
    path: "/model/parse",
    id: "parseModelMessage",
    summary: "Parse a message using the Rasa model",
    params: [["emulation_mode", "query", "string"]],
    body: JSON_BODY,
    responses: [200, 400, 401, 403, 409, 500],
  },
  {
    method: "put",
    path: "/model",
    id: "replaceModel",
    summary: "Replace the currently loaded model",
    body: JSON_BODY,
    responses: [204, 400, 401, 403, 500],
  },
  {
    method: "delete",
    path: "/model",
    id: "unloadModel",
    summary: "Unload the trained model",
    responses: [204, 401, 403],
  },
  {
    method: "get",
    path: "/domain",
    id: "getDomain",
    summary: "Retrieve the loaded domain",
    responses: [200, 401, 403, 406, 409, 500],
  },
];

const ERROR_SCHEMA = {
  type: "object",
  properties: {
    version: { type: "string" },
    status: { type: "string", enum: ["failure"] },
    message: { type: "string" },
    reason: { type: "string" },
    details: { type: "object" },
    help: { type: "string", nullable: true },
    code: { type: "integer" },
  },
};

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const responses: Record<string, unknown> = {};
    for (const code of op.responses) {
      responses[String(code)] =
        code >= 400
          ? {
              description: "Error",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
            }
          : { description: code === 204 ? "No content" : "Success" };
    }
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.id,
      summary: op.summary,
      parameters: (op.params ?? []).map(([name, where, type]) => ({
        name,
        in: where,
        required: where === "path",
        schema: { type },
      })),
      ...(op.body
        ? { requestBody: { required: true, content: Object.fromEntries(op.body.map((t) => [t, { schema: {} }])) } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.0.1",
    info: {
      title: "Confab - Rasa-compatible server endpoints",
      version: CONFAB_VERSION,
      description: `Rasa ${RASA_VERSION} HTTP API as served by Confab.`,
    },
    servers: [{ url: "http://localhost:5005" }],
    components: {
      securitySchemes: {
        TokenAuth: { type: "apiKey", in: "query", name: "token" },
        JWT: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    security: [{ TokenAuth: [] }, { JWT: [] }],
    paths,
  };
}
