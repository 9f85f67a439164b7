/**
 * @module sdk/server
 * The action server (rasa-sdk's `rasa_sdk.endpoint`, `rasa-protocol.md` §4.1): `POST /webhook` runs
 * the action named `next_action`, `GET /health` answers `{"status":"ok"}`, `GET /actions` lists
 * `[{"name": ...}]`. Errors use rasa-sdk's bodies: 404 unknown action, 400 rejection, 500 failure.
 * Built on node:http only, so the SDK has no dependencies.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { ActionRejection } from "./action.js";
import type { ActionDefinition } from "./action.js";
import { Dispatcher } from "./dispatcher.js";
import { Tracker } from "./tracker.js";
import type { ActionRequest, ActionResponse } from "./types.js";

export const DEFAULT_ACTION_SERVER_PORT = 5055;
const inflate = promisify(zlib.inflate);

export interface ActionServerOptions {
  port?: number;
  host?: string;
  /** Called for each failed action (default: console.error). */
  onError?: (action: string, err: unknown) => void;
}

export interface RunningActionServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
}

/** Runs one request body; exported so the webhook can be tested without a socket. */
export async function handleWebhook(
  actions: ReadonlyMap<string, ActionDefinition>,
  body: unknown,
  onError: (action: string, err: unknown) => void = () => undefined,
): Promise<Reply> {
  const request = body as Partial<ActionRequest> | null;
  if (typeof request !== "object" || request === null || typeof request.next_action !== "string" || !request.tracker)
    return { status: 400, body: { error: "Request needs 'next_action' and 'tracker'.", action_name: null } };
  const name = request.next_action;
  const action = actions.get(name);
  if (!action)
    return { status: 404, body: { error: `No registered action found for name '${name}'.`, action_name: name } };
  const dispatcher = new Dispatcher();
  try {
    const events =
      (await action.run({ dispatcher, tracker: new Tracker(request.tracker), domain: request.domain ?? {} })) ?? [];
    const answer: ActionResponse = { events, responses: dispatcher.messages };
    return { status: 200, body: answer };
  } catch (err) {
    if (err instanceof ActionRejection) return { status: 400, body: { error: err.message, action_name: name } };
    onError(name, err);
    return { status: 500, body: { error: err instanceof Error ? err.message : String(err), request_body: request } };
  }
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let raw = Buffer.concat(chunks);
  if (req.headers["content-encoding"] === "deflate") raw = await inflate(raw);
  return JSON.parse(raw.toString("utf8")) as unknown;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export async function startActionServer(
  list: readonly ActionDefinition[],
  options: ActionServerOptions = {},
): Promise<RunningActionServer> {
  const actions = new Map<string, ActionDefinition>();
  for (const a of list) {
    if (actions.has(a.name)) throw new Error(`Action '${a.name}' is defined twice`);
    actions.set(a.name, a);
  }
  const onError = options.onError ?? ((action, err) => console.error(`Action '${action}' failed:`, err));
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/health") return send(res, 200, { status: "ok" });
    if (req.method === "GET" && path === "/actions")
      return send(
        res,
        200,
        [...actions.keys()].map((name) => ({ name })),
      );
    if (req.method !== "POST" || path !== "/webhook") return send(res, 404, { error: "Not found" });
    readBody(req).then(
      async (body) => {
        const reply = await handleWebhook(actions, body, onError);
        send(res, reply.status, reply.body);
      },
      () => send(res, 400, { error: "The request body is not valid JSON.", action_name: null }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_ACTION_SERVER_PORT, options.host ?? "0.0.0.0", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const host = !options.host || options.host === "0.0.0.0" ? "localhost" : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
