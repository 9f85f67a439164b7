/**
 * `confab run --remote-storage aws -m <name>` (Rasa's flag): the model comes from an S3 bucket, the project folder
 * gives only endpoints and credentials.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadProject } from "../config/index.js";
import { serializeModel } from "../model-archive/archive.js";
import { trainModel } from "../training/train.js";
import { startServer } from "./run.js";

const MOODBOT = path.resolve(process.cwd(), "examples/moodbot");
const ENV = ["BUCKET_NAME", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

afterEach(() => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const runOptions = (project: string, extra: object) => ({
  port: "0",
  interface: "127.0.0.1",
  project,
  jwtMethod: "HS256",
  responseTimeout: "3600",
  mccPort: false as const,
  ...extra,
});

describe("confab run --remote-storage", () => {
  it("serves the model named by --model from the S3 bucket, without a local model or training data", async () => {
    const archive = serializeModel(trainModel(loadProject(MOODBOT, {}), { seed: 42 }).model);
    const requested: string[] = [];
    const s3 = http.createServer((req, res) => {
      requested.push(req.url ?? "");
      if (req.url === "/bots/mood.tar.gz" && String(req.headers.authorization).includes("Credential=AKID/"))
        return void res.end(archive);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => s3.listen(0, "127.0.0.1", resolve));
    Object.assign(process.env, {
      BUCKET_NAME: "bots",
      AWS_ENDPOINT_URL: `http://127.0.0.1:${(s3.address() as AddressInfo).port}`,
      AWS_ACCESS_KEY_ID: "AKID",
      AWS_SECRET_ACCESS_KEY: "secret",
    });
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "confab-remote-"));
    const lines: string[] = [];
    try {
      const server = await startServer(runOptions(empty, { model: "mood", remoteStorage: "aws" }), (l) =>
        lines.push(l),
      );
      try {
        expect(requested).toEqual(["/bots/mood.tar.gz"]);
        expect(lines[0]).toBe("Loaded model s3://bots/mood.tar.gz from remote storage 'aws'");
        const res = await fetch(`${server.url}/webhooks/rest/webhook`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ sender: "s3", message: "hello" }),
        });
        expect((await res.json()) as unknown[]).toEqual([
          expect.objectContaining({ recipient_id: "s3", text: expect.any(String) }),
        ]);
      } finally {
        await server.close();
      }
      await expect(startServer(runOptions(empty, { model: "other", remoteStorage: "aws" }), () => {})).rejects.toThrow(
        "S3 answered 404 for s3://bots/other.tar.gz",
      );
      await expect(startServer(runOptions(empty, { remoteStorage: "aws" }), () => {})).rejects.toThrow("-m/--model");
      await expect(startServer(runOptions(empty, { model: "mood", remoteStorage: "gcs" }), () => {})).rejects.toThrow(
        'Remote storage "gcs" is not supported by Confab',
      );
    } finally {
      s3.close();
    }
  });
});
