/**
 * @module rooms/web-routes
 * The rooms web UI (vanilla HTML/JS in `web/`): `/` login, `/wait` waiting page, `/admin`,
 * `/<roomLink>` chat room (Trollbot's client paths), assets under `/rooms-ui/`.
 */
import fs from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** `web/` next to this module; from a build without copied assets, the source folder. */
export function webDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, "web"), path.resolve(here, "../../src/rooms/web")];
  return candidates.find((d) => fs.existsSync(path.join(d, "login.html"))) ?? candidates[0]!;
}

export function registerWebRoutes(app: FastifyInstance, dir = webDir()): void {
  const send = (file: string) => async (_req: unknown, reply: FastifyReply) => {
    const body = await readFile(path.join(dir, file));
    return reply.type(TYPES[path.extname(file)]!).header("cache-control", "no-cache").send(body);
  };
  app.get("/", send("login.html"));
  app.get("/wait", send("wait.html"));
  app.get("/admin", send("admin.html"));
  app.get<{ Params: { file: string } }>("/rooms-ui/:file", async (req, reply) => {
    const name = req.params.file;
    if (!/^[\w-]+\.(js|css|html)$/.test(name) || !fs.existsSync(path.join(dir, name))) {
      return reply.code(404).type("text/plain").send("not found");
    }
    return send(name)(req, reply);
  });
  app.get<{ Params: { roomId: string } }>("/:roomId", async (req, reply) => {
    if (!/^[\w-]{1,64}$/.test(req.params.roomId)) return reply.code(404).type("text/plain").send("not found");
    return send("room.html")(req, reply);
  });
}
