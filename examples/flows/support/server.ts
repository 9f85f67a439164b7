/**
 * Test support: a fastify app serving one flow runtime on an ephemeral port.
 */
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import type { FlowRuntime } from "../../../src/flows/runtime/index.js";
import { registerFlowRoutes } from "../../../src/flows/server/index.js";

export interface TestServer {
  app: FastifyInstance;
  http: string;
  ws: string;
  close(): Promise<void>;
}

export async function serve(runtime: FlowRuntime): Promise<TestServer> {
  const app = Fastify({ logger: false });
  registerFlowRoutes(app, runtime);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as AddressInfo).port;
  return {
    app,
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/mcc`,
    close: () => app.close(),
  };
}
