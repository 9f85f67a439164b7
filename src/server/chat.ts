/**
 * @module server/chat
 * `GET /chat`: a page with the chat widget; `GET /chat/widget.js`: the widget bundle, embeddable
 * anywhere with one script tag. From a build the bundle is `dist/widget/confab-widget.js`
 * (`npm run build:widget`); from source it is bundled once on first request with esbuild.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { sendRasaError } from "./rasa-error.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = path.resolve(here, "../widget/main.ts");
const BUNDLES = [
  path.resolve(here, "../widget/confab-widget.js"),
  path.resolve(here, "../../dist/widget/confab-widget.js"),
];

/** The esbuild options `npm run build:widget` uses too. */
export const WIDGET_BUILD = {
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  platform: "browser",
  legalComments: "none",
} as const;

let cached: Promise<string> | null = null;

export function widgetBundle(): Promise<string> {
  cached ??= (async () => {
    if (fs.existsSync(SOURCE)) {
      const esbuild = await import("esbuild");
      const out = await esbuild.build({ ...WIDGET_BUILD, entryPoints: [SOURCE], write: false });
      return out.outputFiles[0]!.text;
    }
    const bundle = BUNDLES.find((f) => fs.existsSync(f));
    if (!bundle) throw new Error("The chat widget is not built; run `npm run build:widget`.");
    return fs.readFileSync(bundle, "utf8");
  })();
  cached.catch(() => (cached = null));
  return cached;
}

export interface ChatPageOptions {
  title: string;
  /** Socket.IO settings of the `socketio` channel, or null when it is not configured. */
  socket: { path: string; namespace: string | null } | null;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function chatPage(options: ChatPageOptions): string {
  const body = options.socket
    ? `<script src="chat/widget.js" data-mode="page" data-title="${escape(options.title)}" data-socket-path="${escape(options.socket.path)}"${options.socket.namespace ? ` data-namespace="${escape(options.socket.namespace)}"` : ""}></script>`
    : "<p>The chat page needs the <code>socketio</code> channel: add <code>socketio: {session_persistence: true}</code> to credentials.yml.</p>";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(options.title)}</title><style>body{margin:0;background:#ececf3;font-family:system-ui,sans-serif}</style></head><body>${body}</body></html>`;
}

export function registerChat(app: FastifyInstance, options: ChatPageOptions): void {
  const page = chatPage(options);
  app.get("/chat", (_request, reply) => reply.type("text/html; charset=utf-8").send(page));
  app.get("/chat/widget.js", async (request, reply) => {
    try {
      const js = await widgetBundle();
      return reply.type("application/javascript; charset=utf-8").header("cache-control", "no-cache").send(js);
    } catch (err) {
      request.log.error({ err }, "Chat widget unavailable");
      return sendRasaError(reply, 500, "UnexpectedError", String(err));
    }
  });
}
