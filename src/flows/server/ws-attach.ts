/**
 * @module flows/server/ws-attach
 * Mounting the MCC WebSocket: on an existing HTTP server for one path only (so other upgrade handlers,
 * e.g. socket.io, keep working), or as MCC's own server on its port where every path is accepted.
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { FlowRuntime } from "../runtime/runtime.js";
import { handleFlowConnection } from "./ws-handler.js";

export interface FlowWebSocket {
  wss: WebSocketServer;
  detach(): void;
}

/** Handles upgrades whose path is `path` or below it; leaves every other upgrade alone. */
export function attachFlowWebSocket(server: Server, runtime: FlowRuntime, path = "/mcc"): FlowWebSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  wss.on("connection", (ws, req: IncomingMessage) => handleFlowConnection(ws, req, runtime));
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (pathname !== path && pathname !== `${path}/` && !pathname.startsWith(`${path}/`)) return;
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  };
  server.on("upgrade", onUpgrade);
  return {
    wss,
    detach() {
      server.off("upgrade", onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

export interface MccServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** MCC's standalone WebSocket server (`--mcc-port`, default 8765); like MCC it ignores the path. */
export async function startMccServer(options: {
  port?: number;
  host?: string;
  runtime: FlowRuntime;
}): Promise<MccServer> {
  const server = createServer((_req, res) => {
    res.statusCode = 426;
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({ error: { code: "upgrade_required", message: "this port speaks WebSocket (MCC protocol)" } }),
    );
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  wss.on("connection", (ws, req: IncomingMessage) => handleFlowConnection(ws, req, options.runtime));
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });
  const host = options.host ?? "0.0.0.0";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8765, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return {
    url: `ws://${shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
