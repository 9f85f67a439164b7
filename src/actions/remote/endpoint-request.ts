/**
 * @module actions/remote/endpoint-request
 * POSTs JSON to an `endpoints.yml` HTTP endpoint the way Rasa's `EndpointConfig.request` does
 * (`rasa-protocol.md` §4.1, §5.2): `token` as query parameter `token_name`, extra `params`,
 * `headers`, `basic_auth`. Shared by the action-server and NLG-server clients.
 */

/** Rasa's DEFAULT_REQUEST_TIMEOUT (rasa/core/constants.py): five minutes. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

export interface HttpEndpoint {
  url: string;
  token?: string;
  token_name: string;
  headers: Record<string, string>;
  params: Record<string, unknown>;
  basic_auth?: { username: string; password: string };
  /** Seconds (Confab extension key `timeout` in endpoints.yml; Rasa has no setting). */
  timeout: number;
}

/** Reads an `action_endpoint:` / `nlg:` section; `null` when it is absent or has no url. */
export function readHttpEndpoint(raw: unknown): HttpEndpoint | null {
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.url !== "string" || r.url === "") return null;
  const auth = r.basic_auth as { username?: unknown; password?: unknown } | undefined;
  const timeout = Number(r.timeout);
  return {
    url: r.url,
    token: typeof r.token === "string" ? r.token : undefined,
    token_name: typeof r.token_name === "string" ? r.token_name : "token",
    headers: { ...((r.headers as Record<string, string> | undefined) ?? {}) },
    params: { ...((r.params as Record<string, unknown> | undefined) ?? {}) },
    basic_auth:
      auth && typeof auth.username === "string" && typeof auth.password === "string"
        ? { username: auth.username, password: auth.password }
        : undefined,
    timeout: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS,
  };
}

export type PostOutcome =
  { kind: "answered"; status: number; text: string } | { kind: "timeout" } | { kind: "unreachable"; reason: string };

function requestUrl(endpoint: HttpEndpoint): string {
  const url = new URL(endpoint.url);
  for (const [k, v] of Object.entries(endpoint.params)) url.searchParams.set(k, String(v));
  if (endpoint.token !== undefined) url.searchParams.set(endpoint.token_name, endpoint.token);
  return url.toString();
}

function requestHeaders(endpoint: HttpEndpoint): Record<string, string> {
  const headers: Record<string, string> = { "Content-Type": "application/json", ...endpoint.headers };
  if (endpoint.basic_auth) {
    const { username, password } = endpoint.basic_auth;
    headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  }
  return headers;
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** Never throws: timeouts and connection failures come back as outcomes the caller maps to error codes. */
export async function postJson(endpoint: HttpEndpoint, body: unknown): Promise<PostOutcome> {
  let url: string;
  try {
    url = requestUrl(endpoint);
  } catch (err) {
    return { kind: "unreachable", reason: `invalid url: ${describeNetworkError(err)}` };
  }
  const signal = AbortSignal.timeout(endpoint.timeout * 1000);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: requestHeaders(endpoint),
      body: JSON.stringify(body),
      signal,
    });
    const text = await res.text();
    return { kind: "answered", status: res.status, text };
  } catch (err) {
    if (signal.aborted) return { kind: "timeout" };
    return { kind: "unreachable", reason: describeNetworkError(err) };
  }
}

/** Parses a response body; an empty body counts as `null` (Rasa treats it as "nothing"). */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
