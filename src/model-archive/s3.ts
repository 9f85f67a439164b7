/**
 * @module model-archive/s3
 * Reads an object from Amazon S3 (or an S3-compatible store) with a Signature Version 4 signed GET: what Rasa's
 * `remote_storage: aws` does through boto3, without an SDK. Credentials and places come from boto3's environment
 * variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_DEFAULT_REGION`) and Rasa's
 * (`BUCKET_NAME`, `AWS_ENDPOINT_URL`).
 */
import { createHash, createHmac } from "node:crypto";

const EMPTY_BODY_SHA256 = createHash("sha256").update("").digest("hex");

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignInput {
  method: string;
  url: URL;
  /** Headers to sign besides `host`, `x-amz-date` and `x-amz-content-sha256`, which are added. */
  headers?: Record<string, string>;
  region: string;
  credentials: AwsCredentials;
  /** The signing time (`x-amz-date`). */
  now: Date;
}

const hmac = (key: Buffer | string, text: string) => createHmac("sha256", key).update(text).digest();
const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** S3's URI encoding of a path: every byte but unreserved characters and `/` percent-encoded. */
function encodePath(path: string): string {
  return path
    .split("/")
    .map((part) =>
      encodeURIComponent(decodeURIComponent(part)).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join("/");
}

/** The request's headers with SigV4's `Authorization` (AWS's "Authenticating Requests: Using the Authorization Header"). */
export function signS3Request(input: SignInput): Record<string, string> {
  const amzDate = input.now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: input.url.host,
    "x-amz-content-sha256": EMPTY_BODY_SHA256,
    "x-amz-date": amzDate,
  };
  if (input.credentials.sessionToken) headers["x-amz-security-token"] = input.credentials.sessionToken;
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value.trim();
  const names = Object.keys(headers).sort();
  // Reading an object needs no query string; signing one (sorted, encoded parameters) is left out until needed.
  if (input.url.search !== "") throw new Error("signS3Request signs requests without a query string");
  const canonicalRequest = [
    input.method,
    encodePath(input.url.pathname),
    "",
    ...names.map((n) => `${n}:${headers[n]}`),
    "",
    names.join(";"),
    EMPTY_BODY_SHA256,
  ].join("\n");
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${input.credentials.secretAccessKey}`, day);
  for (const part of [input.region, "s3", "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope},SignedHeaders=${names.join(";")},Signature=${signature}`,
  };
}

/** Where an object lives: path-style under `AWS_ENDPOINT_URL` (MinIO, LocalStack), else S3's virtual-hosted URL. */
export function s3ObjectUrl(bucket: string, key: string, region: string, endpoint?: string): URL {
  const path = key.replace(/^\/+/, "");
  if (endpoint) return new URL(`${endpoint.replace(/\/+$/, "")}/${bucket}/${path}`);
  return new URL(`https://${bucket}.s3.${region}.amazonaws.com/${path}`);
}

/** GETs an object with boto3's environment configuration; throws with S3's status on failure. */
export async function fetchS3Object(key: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const bucket = env.BUCKET_NAME;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!bucket) throw new Error("remote storage 'aws' needs the bucket in BUCKET_NAME");
  if (!accessKeyId || !secretAccessKey)
    throw new Error("remote storage 'aws' needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
  const region = env.AWS_DEFAULT_REGION ?? env.AWS_REGION ?? "us-east-1";
  const url = s3ObjectUrl(bucket, key, region, env.AWS_ENDPOINT_URL);
  const credentials = { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN };
  const headers = signS3Request({ method: "GET", url, region, credentials, now: new Date() });
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`S3 answered ${res.status} for s3://${bucket}/${key}`);
  return Buffer.from(await res.arrayBuffer());
}
