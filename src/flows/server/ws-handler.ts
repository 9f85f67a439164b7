/**
 * @module flows/server/ws-handler
 * MCC's WebSocket protocol for one connection (`backend/websocket_server.py`), with error frames
 * instead of dropped sockets and unguessable interaction ids instead of the Sec-WebSocket-Key.
 */
import type { IncomingMessage } from "node:http";
import type { RawData, WebSocket } from "ws";
import type { FlowRuntime } from "../runtime/runtime.js";
import { errorBody, FlowRuntimeError } from "../runtime/errors.js";
import { parseFlowFrame } from "../runtime/input.js";
import { pyJsonDumps } from "./py-json.js";

/** The MCC message for a resume without a uid, kept verbatim for clients that show it. */
export const MISSING_UID_MESSAGE =
  "Insert the uid (user id) in the headers and try again. Tip: try to send an empty request, and you will receive a server-generated uid!";

/** Query parameter value, where the literal "None" (Python's urlencode of None) and "" mean absent. */
function param(params: URLSearchParams, name: string): string | undefined {
  const v = params.get(name);
  return v === null || v === "" || v === "None" ? undefined : v;
}

function sendError(ws: WebSocket, err: unknown): void {
  const code = err instanceof FlowRuntimeError ? err.code : "internal_error";
  const message = err instanceof FlowRuntimeError ? err.message : "internal error";
  if (ws.readyState === ws.OPEN) ws.send(pyJsonDumps(errorBody(code, message)));
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data as ArrayBuffer).toString("utf8");
}

export function handleFlowConnection(ws: WebSocket, req: IncomingMessage, runtime: FlowRuntime): void {
  const url = new URL(req.url ?? "/", "http://localhost");
  // Extension: the React client of MCC's HEAD puts the uid in the path (`.../use/<uid>`).
  const pathUid = /\/use\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  const uid = param(url.searchParams, "uid") ?? (pathUid ? decodeURIComponent(pathUid) : undefined);
  const requested = param(url.searchParams, "interaction");
  const wantsSnapshot =
    runtime.resumeSnapshot === "always" || ["1", "true"].includes(url.searchParams.get("snapshot") ?? "");
  ws.on("error", (err) => runtime.logger.warn({ err }, "flow websocket error"));

  if (uid === undefined) {
    if (requested === undefined) ws.send(runtime.newUid());
    else sendError(ws, new FlowRuntimeError("missing_uid", MISSING_UID_MESSAGE));
    ws.close(1000);
    return;
  }

  // Frames that arrive while the interaction is being created or checked wait for it.
  const ready: Promise<string | undefined> = (async () => {
    try {
      if (requested === undefined) {
        const { interaction, reply } = await runtime.start(uid);
        ws.send(interaction);
        ws.send(pyJsonDumps(reply));
        return interaction;
      }
      if (!(await runtime.exists(uid, requested))) {
        throw new FlowRuntimeError("unknown_interaction", `no interaction "${requested}" for uid "${uid}"`);
      }
      if (wantsSnapshot) ws.send(pyJsonDumps({ ...(await runtime.snapshot(uid, requested)), snapshot: true }));
      return requested;
    } catch (err) {
      sendError(ws, err);
      ws.close(1008);
      return undefined;
    }
  })();

  let queue: Promise<void> = Promise.resolve();
  ws.on("message", (data: RawData, isBinary: boolean) => {
    queue = queue.then(async () => {
      const interaction = await ready;
      if (interaction === undefined || ws.readyState !== ws.OPEN) return;
      try {
        if (isBinary) throw new FlowRuntimeError("bad_input", "binary frames are not supported; send JSON text");
        const input = parseFlowFrame(rawText(data));
        const reply = await runtime.handle(uid, interaction, input);
        if (ws.readyState === ws.OPEN) ws.send(pyJsonDumps(reply));
      } catch (err) {
        if (!(err instanceof FlowRuntimeError)) runtime.logger.error({ err }, "flow websocket message failed");
        sendError(ws, err);
      }
    });
  });
}
