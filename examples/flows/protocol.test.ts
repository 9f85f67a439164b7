/**
 * MCC's WebSocket protocol against the quickstart example: the Python example clients' flow, resume,
 * error frames, MCC's own port, and upgrades for other paths left alone.
 */
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { loadKbFile, loadProcessFile } from "../../src/flows/definition/index.js";
import { noNluAdapter } from "../../src/flows/nlu/index.js";
import { FlowRuntime } from "../../src/flows/runtime/index.js";
import { MemoryFlowStateStore } from "../../src/flows/store/index.js";
import quickstart from "./quickstart/callbacks.js";
import { loadFlowProject } from "../../src/flows/project.js";
import { attachFlowWebSocket, MISSING_UID_MESSAGE, startMccServer } from "../../src/flows/server/index.js";
import { EXAMPLES } from "./support/transcripts.js";
import type { TestServer } from "./support/server.js";
import { serve } from "./support/server.js";
import { connect } from "./support/ws-client.js";

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const READY = '{"utterance": "Ready", "payload": {"echo": "Ready"}}';
const ECHO_BOB =
  '{"utterance": "Framework says: Bob\\nProcess completed!", "payload": {"echo": "Framework says: Bob"}}';
const DONE = '{"utterance": "Process completed!", "payload": {}}';

let runtime: FlowRuntime;
let server: TestServer;

beforeAll(async () => {
  runtime = await loadFlowProject(path.join(EXAMPLES, "quickstart"), { store: "memory" });
  server = await serve(runtime);
});
afterAll(async () => {
  await server.close();
  await runtime.close();
});

async function newInteraction(uid: string) {
  const client = await connect(`${server.ws}?${new URLSearchParams({ interaction: "None", uid }).toString()}`);
  const interaction = await client.next();
  expect(await client.next()).toBe(READY);
  return { client, interaction };
}

describe("Python example client flow", () => {
  it("connect without ids → uid; connect with uid → interaction + welcome; 100 reconnects resume it", async () => {
    const first = await connect(`${server.ws}?interaction=None&uid=None`);
    const uid = await first.next();
    expect(uid).toMatch(UUID4);
    expect(await first.closed).toBe(1000);

    let interaction: string | undefined;
    for (let i = 0; i < 100; i++) {
      const params = new URLSearchParams({ interaction: interaction ?? "None", uid });
      const client = await connect(`${server.ws}?${params.toString()}`);
      if (interaction === undefined) {
        interaction = await client.next();
        expect(interaction).toMatch(/^[A-Za-z0-9_-]{24}$/);
        expect(await client.next()).toBe(READY);
      }
      client.send({ type: "data", payload: { echo: "Bob" } });
      expect(await client.next()).toBe(i === 0 ? ECHO_BOB : DONE);
      await client.close();
    }
    expect((await runtime.state(uid, interaction!)).current).toBe("end");
  });

  it("interaction ids are unique and unguessable", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { client, interaction } = await newInteraction("same-user");
      ids.add(interaction);
      await client.close();
    }
    expect(ids.size).toBe(5);
  });

  it("a resume sends nothing unasked, and a snapshot of the last reply with ?snapshot=1", async () => {
    const { client, interaction } = await newInteraction("snap");
    client.send({ type: "utterance", utterance: "hi  " });
    const reply = await client.next();
    expect(JSON.parse(reply)).toEqual({
      utterance: "Framework says: hi\nProcess completed!",
      payload: { echo: "Framework says: hi" },
    });
    await client.close();

    const quiet = await connect(`${server.ws}?uid=snap&interaction=${interaction}`);
    await expect(quiet.next(300)).rejects.toThrow(/no frame/);
    await quiet.close();

    const resumed = await connect(`${server.ws}?uid=snap&interaction=${interaction}&snapshot=1`);
    expect(JSON.parse(await resumed.next())).toEqual({ ...JSON.parse(reply), snapshot: true });
    await resumed.close();
  });
});

describe("error frames instead of dropped sockets", () => {
  it("rejects a resume without uid with MCC's message", async () => {
    const client = await connect(`${server.ws}?interaction=abc`);
    expect(JSON.parse(await client.next())).toEqual({ error: { code: "missing_uid", message: MISSING_UID_MESSAGE } });
    await client.closed;
  });

  it("reports an unknown interaction (and one belonging to another uid)", async () => {
    const { client, interaction } = await newInteraction("owner");
    await client.close();
    for (const url of [
      `${server.ws}?uid=owner&interaction=nope`,
      `${server.ws}?uid=thief&interaction=${interaction}`,
    ]) {
      const c = await connect(url);
      expect(JSON.parse(await c.next()).error.code).toBe("unknown_interaction");
      expect(await c.closed).toBe(1008);
    }
  });

  it("answers non-JSON, unknown types, malformed inputs and binary frames, and keeps serving", async () => {
    const { client } = await newInteraction("bad-input");
    const cases: [unknown, string][] = [
      ["{not json", "invalid_json"],
      [{ type: "shout", payload: {} }, "unknown_type"],
      [{ type: "utterance" }, "bad_input"],
      [{ type: "data", payload: [1] }, "bad_input"],
      [[1, 2], "bad_input"],
    ];
    for (const [frame, code] of cases) {
      client.send(frame);
      const reply = JSON.parse(await client.next());
      expect(reply.error.code).toBe(code);
      expect(typeof reply.error.message).toBe("string");
    }
    client.ws.send(Buffer.from('{"type":"data","payload":{}}'), { binary: true });
    expect(JSON.parse(await client.next()).error.code).toBe("bad_input");
    client.send({ type: "data", payload: { echo: "Bob" } });
    expect(await client.next()).toBe(ECHO_BOB);
    await client.close();
  });
});

describe("a callback that throws", () => {
  it("sends callback_failed, keeps the socket and the state", async () => {
    const flaky = new FlowRuntime({
      process: loadProcessFile(path.join(EXAMPLES, "quickstart/process.json")),
      kb: loadKbFile(path.join(EXAMPLES, "quickstart/kb.json")),
      callbacks: {
        ...quickstart,
        echo: (data, kb, ctx) => {
          if (data.echo === "boom") throw new Error("kaboom");
          return quickstart.echo!(data, kb, ctx);
        },
      },
      nlu: noNluAdapter(["echo"]),
      store: new MemoryFlowStateStore(),
    });
    const s = await serve(flaky);
    try {
      const c = await connect(`${s.ws}?uid=u`);
      const interaction = await c.next();
      await c.next();
      c.send({ type: "data", payload: { echo: "boom" } });
      const err = JSON.parse(await c.next());
      expect(err.error.code).toBe("callback_failed");
      expect(err.error.message).toContain('activity "echo"');
      expect((await flaky.state("u", interaction)).current).toBe("echo");
      c.send({ type: "data", payload: { echo: "Bob" } });
      expect(await c.next()).toBe(ECHO_BOB);
      await c.close();
    } finally {
      await s.close();
      await flaky.close();
    }
  });
});

describe("servers", () => {
  it("MCC's own port ignores the path and speaks the same protocol", async () => {
    const mcc = await startMccServer({ port: 0, host: "127.0.0.1", runtime });
    try {
      const c = await connect(`ws://127.0.0.1:${mcc.port}/any/path?uid=port-user`);
      expect(await c.next()).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(await c.next()).toBe(READY);
      await c.close();
      const res = await fetch(`http://127.0.0.1:${mcc.port}/`);
      expect(res.status).toBe(426);
    } finally {
      await mcc.close();
    }
  });

  it("only takes upgrades for /mcc and leaves other paths to other handlers", async () => {
    const http = createServer();
    const sockets = new Set<Socket>();
    http.on("connection", (socket) => sockets.add(socket));
    const other = new WebSocketServer({ noServer: true });
    http.on("upgrade", (req, socket, head) => {
      if (req.url?.startsWith("/socket.io")) other.handleUpgrade(req, socket, head, (ws) => ws.send("other"));
    });
    const attached = attachFlowWebSocket(http, runtime);
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const port = (http.address() as AddressInfo).port;
    try {
      const o = await connect(`ws://127.0.0.1:${port}/socket.io/?EIO=4`);
      expect(await o.next()).toBe("other");
      await o.close();
      const m = await connect(`ws://127.0.0.1:${port}/mcc?uid=x`);
      expect(await m.next()).toMatch(/^[A-Za-z0-9_-]{24}$/);
      await m.close();
      const stray = new WebSocket(`ws://127.0.0.1:${port}/mccx`);
      const outcome = await new Promise((r) => {
        stray.on("open", () => r("open"));
        stray.on("error", () => r("error"));
        setTimeout(() => r("pending"), 300);
      });
      expect(outcome).not.toBe("open");
      stray.terminate();
    } finally {
      attached.detach();
      other.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => http.close(() => r()));
    }
  });
});
