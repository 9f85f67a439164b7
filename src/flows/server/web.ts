/**
 * @module flows/server/web
 * Serves a flow project's `web/` folder (e.g. the shop page) at `/flows/web/`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

export function registerWebRoutes(app: FastifyInstance, webDir: string, base: string): void {
  const root = path.resolve(webDir);
  app.get(`${base}`, (_req, reply) => reply.redirect(`${base}/`));
  app.get<{ Params: { "*": string } }>(`${base}/*`, async (req, reply) => {
    const rel = req.params["*"] || "index.html";
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep))
      return reply.code(404).send({ error: { code: "not_found", message: "not found" } });
    try {
      const body = await readFile(file);
      return reply.type(TYPES[path.extname(file)] ?? "application/octet-stream").send(body);
    } catch {
      return reply.code(404).send({ error: { code: "not_found", message: `no file ${rel}` } });
    }
  });
}
