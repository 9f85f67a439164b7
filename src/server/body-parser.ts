/**
 * @module server/body-parser
 * Rasa (Sanic) reads a JSON body whatever the Content-Type says, so `curl -d '{...}'` (sent as
 * form-urlencoded) works. YAML bodies (`/model/train`, test endpoints) are kept as text.
 */
import type { FastifyInstance } from "fastify";

const TEXT_ROUTES = /^\/model\/(train|test\/)/;

export class BodyParseError extends Error {
  readonly statusCode = 400;
  constructor() {
    super("Failed when parsing body as json");
  }
}

export function registerLenientBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    const type = request.headers["content-type"] ?? "";
    if (/yaml|yml/i.test(type)) return done(null, text);
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      // Training and test data may come as YAML without a YAML Content-Type (`curl --data-binary`).
      if (!/json/i.test(type) && TEXT_ROUTES.test(request.url)) return done(null, text);
      done(new BodyParseError(), undefined);
    }
  });
}
