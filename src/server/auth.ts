/**
 * @module server/auth
 * Rasa's `requires_auth` (`rasa-protocol.md` §1.2): `?token=` first, then a JWT in
 * `Authorization: Bearer` whose payload `user.role` is `admin` (everything) or `user` (only its
 * own conversation, `user.username == conversation_id`). Rasa only checks signatures, never issues.
 */
import type { CryptoKey, JWTPayload, KeyObject } from "jose";
import type { FastifyRequest } from "fastify";

export interface AuthOptions {
  token?: string;
  jwtSecret?: string;
  /** Default HS256 (Rasa's `--jwt-method`). */
  jwtMethod?: string;
  /** Accepted for Rasa compatibility; Rasa only needs it to sign tokens, which it never does. */
  jwtPrivateKey?: string;
}

export interface AuthFailure {
  code: 401 | 403;
  reason: "NotAuthenticated" | "NotAuthorized";
  message: string;
  help: string;
}

const HELP = "https://rasa.com/docs/rasa/user-guide/configuring-http-api/#security-considerations";
const NOT_AUTHENTICATED: AuthFailure = {
  code: 401,
  reason: "NotAuthenticated",
  message: "User is not authenticated.",
  help: HELP,
};
const NOT_AUTHORIZED: AuthFailure = {
  code: 403,
  reason: "NotAuthorized",
  message: "User has insufficient permissions.",
  help: HELP,
};

type VerifyKey = Uint8Array | CryptoKey | KeyObject;

/** Verifies a JWT with the configured secret or public key; null when invalid. */
export function createJwtVerifier(secret: string, method = "HS256"): (token: string) => Promise<JWTPayload | null> {
  // jose is imported only when a JWT secret is configured: other servers never load it.
  const jose = import("jose");
  let key: Promise<VerifyKey> | null = null;
  const keyFor = (): Promise<VerifyKey> =>
    (key ??= method.startsWith("HS")
      ? Promise.resolve(new TextEncoder().encode(secret))
      : jose.then((j) => j.importSPKI(secret, method)));
  return async (token) => {
    try {
      const { payload } = await (await jose).jwtVerify(token, await keyFor(), { algorithms: [method] });
      return payload;
    } catch {
      return null;
    }
  };
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== "string") return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match ? match[1]!.trim() : null;
}

function queryToken(request: FastifyRequest): string | undefined {
  const q = request.query as Record<string, unknown> | undefined;
  const t = q?.token;
  return typeof t === "string" ? t : Array.isArray(t) && typeof t[0] === "string" ? t[0] : undefined;
}

export type Authorize = (request: FastifyRequest, conversationId: string | null) => Promise<AuthFailure | null>;

/** The check for one protected route; `conversationId` is the route's path parameter, if it has one. */
export function createAuthorizer(options: AuthOptions): Authorize {
  const token = options.token || undefined;
  const verify = options.jwtSecret ? createJwtVerifier(options.jwtSecret, options.jwtMethod ?? "HS256") : null;
  return async (request, conversationId) => {
    if (token !== undefined && queryToken(request) === token) return null;
    if (verify) {
      const jwt = bearer(request);
      const payload = jwt ? await verify(jwt) : null;
      if (payload) return sufficientScope(payload, conversationId) ? null : NOT_AUTHORIZED;
    }
    if (token === undefined && !verify) return null;
    return NOT_AUTHENTICATED;
  };
}

function sufficientScope(payload: JWTPayload, conversationId: string | null): boolean {
  const user = payload.user;
  if (typeof user !== "object" || user === null) return false;
  const { role, username } = user as { role?: unknown; username?: unknown };
  if (role === "admin") return true;
  if (role === "user") return conversationId !== null && username === conversationId;
  return false;
}
