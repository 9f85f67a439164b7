/**
 * @module channels/callback
 * Rasa's callback channel (seed "Your Own Website", `rasa-protocol.md` §2.3): messages arrive at
 * `POST /webhooks/callback/webhook`, the answer is the text `success` once the turn is done, and
 * every bot message is POSTed on its own to `url` (with the endpoint's headers, basic auth, token).
 */
import type { FastifyInstance } from "fastify";
import { collectMessages } from "../../actions/responses/index.js";
import type { BotUttered } from "../../model/index.js";
import type { Logger, OutputChannel } from "../../ports/index.js";
import { sendRasaError } from "../../server/rasa-error.js";
import type { InputChannel } from "../input-channel.js";
import type { MessageHandler } from "../message-handler.js";
import { readRestBody } from "../rest.js";

export interface CallbackConfig {
  url: string;
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  basic_auth?: { username: string; password: string };
  token?: string;
  token_name?: string;
}

export function readCallbackConfig(raw: unknown): CallbackConfig {
  const c = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof c.url !== "string" || c.url === "")
    throw new Error("credentials.yml: the callback channel needs a 'url' to POST bot messages to");
  return c as unknown as CallbackConfig;
}

export class CallbackOutput implements OutputChannel {
  readonly name = "callback";
  constructor(
    private readonly config: CallbackConfig,
    private readonly logger: Logger,
  ) {}

  private target(): { url: URL; headers: Record<string, string> } {
    const url = new URL(this.config.url);
    for (const [k, v] of Object.entries(this.config.params ?? {})) url.searchParams.set(k, String(v));
    if (this.config.token) url.searchParams.set(this.config.token_name ?? "token", this.config.token);
    const headers: Record<string, string> = { "content-type": "application/json", ...(this.config.headers ?? {}) };
    const auth = this.config.basic_auth;
    if (auth) headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
    return { url, headers };
  }

  async sendResponse(recipientId: string, message: BotUttered): Promise<void> {
    const { url, headers } = this.target();
    for (const m of collectMessages(message, recipientId)) {
      try {
        const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(m) });
        if (!res.ok) this.logger.error({ url: this.config.url, status: res.status }, "Callback URL answered an error");
      } catch (err) {
        // Rasa logs failed callbacks and carries on with the turn.
        this.logger.error(
          { url: this.config.url, err: String(err) },
          "Failed to send a bot message to the callback URL",
        );
      }
    }
  }
}

export class CallbackChannel implements InputChannel {
  readonly name = "callback";
  private readonly output: CallbackOutput;

  constructor(config: CallbackConfig, logger: Logger) {
    this.output = new CallbackOutput(config, logger);
  }

  outputChannel(): OutputChannel {
    return this.output;
  }

  register(app: FastifyInstance, handler: MessageHandler): void {
    app.get("/webhooks/callback/", () => ({ status: "ok" }));
    app.post("/webhooks/callback/webhook", async (request, reply) => {
      const message = readRestBody(request.body, this.name);
      if (typeof message === "string") return sendRasaError(reply, 400, "BadRequest", message);
      try {
        await handler({ ...message, inputChannel: this.name }, this.output);
      } catch (err) {
        request.log.error({ err, sender: message.senderId }, "An exception occurred while handling user message");
      }
      return reply.type("text/plain; charset=utf-8").send("success");
    });
  }
}
