/**
 * @module flows/server/session
 * MCC's REST server keeps `uid` and the current interaction in Flask's signed cookie. Same idea here:
 * an HMAC-signed cookie, so a client cannot forge another user's session.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "mcc_session";

export interface FlowSession {
  uid: string;
  interaction: string;
}

export class SessionCodec {
  private readonly secret: Buffer;

  constructor(secret?: string) {
    this.secret = secret ? Buffer.from(secret, "utf8") : randomBytes(32);
  }

  private sign(value: string): string {
    return createHmac("sha256", this.secret).update(value).digest("base64url");
  }

  encode(session: FlowSession): string {
    const value = Buffer.from(JSON.stringify(session), "utf8").toString("base64url");
    return `${value}.${this.sign(value)}`;
  }

  decode(cookie: string | undefined): FlowSession | null {
    if (!cookie) return null;
    const [value, mac] = cookie.split(".");
    if (!value || !mac) return null;
    const expected = Buffer.from(this.sign(value));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<FlowSession>;
      return typeof parsed.uid === "string" && typeof parsed.interaction === "string"
        ? { uid: parsed.uid, interaction: parsed.interaction }
        : null;
    } catch {
      return null;
    }
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function sessionCookie(value: string, path: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=${path}; HttpOnly; SameSite=Lax`;
}
