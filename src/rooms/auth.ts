/**
 * @module rooms/auth
 * Sessions: a user session (cookie or bearer token from `/api/login`) and admin sessions opened
 * with the configured password (`/api/admin/login`). Admin is never decided by a display name.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";

export const USER_COOKIE = "confab_rooms_session";
export const ADMIN_COOKIE = "confab_rooms_admin";

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed cookie is ignored like a missing one.
    }
  }
  return out;
}

export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : null;
}

export function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

export class AdminSessions {
  private readonly tokens = new Set<string>();

  constructor(private readonly password: string | undefined) {}

  get enabled(): boolean {
    return this.password !== undefined;
  }

  /** A new admin token when the password matches; null otherwise (also when admin is disabled). */
  login(password: unknown): string | null {
    if (this.password === undefined || typeof password !== "string") return null;
    if (!timingSafeEqual(digest(password), digest(this.password))) return null;
    const token = randomBytes(24).toString("base64url");
    this.tokens.add(token);
    return token;
  }

  isAdmin(request: FastifyRequest): boolean {
    const token = bearer(request) ?? parseCookies(request.headers.cookie)[ADMIN_COOKIE];
    return token !== undefined && token !== null && this.tokens.has(token);
  }
}
