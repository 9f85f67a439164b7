import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { fetchS3Object, s3ObjectUrl, signS3Request } from "./s3.js";

describe("S3 Signature Version 4", () => {
  it("signs AWS's published GET Object example to the documented signature", () => {
    // Amazon S3 API reference, "Example: GET Object" (examplebucket/test.txt, bytes 0-9, 24 May 2013).
    const headers = signS3Request({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      region: "us-east-1",
      credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
      now: new Date("2013-05-24T00:00:00Z"),
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request," +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date," +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(headers["x-amz-date"]).toBe("20130524T000000Z");
  });

  it("addresses AWS virtual-hosted style, and path style under AWS_ENDPOINT_URL", () => {
    expect(s3ObjectUrl("bots", "models/a.tar.gz", "eu-west-1").href).toBe(
      "https://bots.s3.eu-west-1.amazonaws.com/models/a.tar.gz",
    );
    expect(s3ObjectUrl("bots", "a.tar.gz", "eu-west-1", "http://127.0.0.1:9000/").href).toBe(
      "http://127.0.0.1:9000/bots/a.tar.gz",
    );
  });

  it("downloads an object from an S3-compatible endpoint with a request it can verify", async () => {
    const env = {
      BUCKET_NAME: "bots",
      AWS_ACCESS_KEY_ID: "AKID",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_DEFAULT_REGION: "eu-central-1",
      AWS_SESSION_TOKEN: "session",
    };
    const seen: { url?: string; headers?: http.IncomingHttpHeaders } = {};
    const server = http.createServer((req, res) => {
      seen.url = req.url;
      seen.headers = req.headers;
      const expected = signS3Request({
        method: "GET",
        url: new URL(`http://${req.headers.host}${req.url}`),
        region: "eu-central-1",
        credentials: { accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "session" },
        now: new Date(
          String(req.headers["x-amz-date"]).replace(
            /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
            "$1-$2-$3T$4:$5:$6Z",
          ),
        ),
      });
      if (req.url !== "/bots/models/m.tar.gz") return void res.writeHead(404).end();
      if (req.headers.authorization !== expected.authorization) return void res.writeHead(403).end();
      res.end(Buffer.from("model bytes"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const body = await fetchS3Object("models/m.tar.gz", { ...env, AWS_ENDPOINT_URL: endpoint });
      expect(body.toString()).toBe("model bytes");
      expect(seen.headers?.["x-amz-security-token"]).toBe("session");
      expect(seen.headers?.authorization).toMatch(/Credential=AKID\/\d{8}\/eu-central-1\/s3\/aws4_request/);
      await expect(fetchS3Object("models/missing.tar.gz", { ...env, AWS_ENDPOINT_URL: endpoint })).rejects.toThrow(
        "S3 answered 404 for s3://bots/models/missing.tar.gz",
      );
      await expect(fetchS3Object("m.tar.gz", { AWS_ENDPOINT_URL: endpoint })).rejects.toThrow("BUCKET_NAME");
    } finally {
      server.close();
    }
  });
});
