/**
 * @module channels/socketio
 * Rasa's Socket.IO channel (`rasa-protocol.md` §2.4): `session_request` → `session_confirm`,
 * user messages on `user_message_evt`, bot messages on `bot_message_evt`; with
 * `session_persistence` the sender is the session id (messages without one are ignored with a
 * warning), otherwise the socket id. `jwt_key` makes the handshake require `auth: {token}`.
 */
import type { FastifyInstance } from "fastify";
import { Server } from "socket.io";
import type { Namespace, Socket } from "socket.io";
import { newHexId } from "../../model/index.js";
import type { Logger, OutputChannel } from "../../ports/index.js";
import { createJwtVerifier } from "../../server/auth.js";
import type { InputChannel } from "../input-channel.js";
import type { MessageHandler } from "../message-handler.js";
import { SocketIOOutput } from "./output.js";

export interface SocketIOConfig {
  user_message_evt: string;
  bot_message_evt: string;
  session_persistence: boolean;
  namespace: string | null;
  socketio_path: string;
  jwt_key: string | null;
  jwt_method: string;
  metadata_key: string;
}

export function readSocketIOConfig(raw: unknown): SocketIOConfig {
  const c = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const str = (k: string, d: string) => (typeof c[k] === "string" && c[k] !== "" ? c[k] : d);
  const ns = typeof c.namespace === "string" && c.namespace !== "" ? c.namespace : null;
  return {
    user_message_evt: str("user_message_evt", "user_uttered"),
    bot_message_evt: str("bot_message_evt", "bot_uttered"),
    session_persistence: c.session_persistence === true || c.session_persistence === "true",
    namespace: ns && !ns.startsWith("/") ? `/${ns}` : ns,
    socketio_path: str("socketio_path", "/socket.io"),
    jwt_key: typeof c.jwt_key === "string" && c.jwt_key !== "" ? c.jwt_key : null,
    jwt_method: str("jwt_method", "HS256"),
    metadata_key: str("metadata_key", "metadata"),
  };
}

export class SocketIOChannel implements InputChannel {
  readonly name = "socketio";
  private io: Server | null = null;
  private nsp: Namespace | null = null;
  private readonly output: SocketIOOutput;

  constructor(
    readonly config: SocketIOConfig,
    private readonly logger: Logger,
  ) {
    this.output = new SocketIOOutput(
      { emit: (room, event, payload) => this.nsp?.to(room).emit(event, payload) },
      config.bot_message_evt,
    );
  }

  outputChannel(): OutputChannel {
    return this.output;
  }

  register(app: FastifyInstance, handler: MessageHandler): void {
    app.get("/webhooks/socketio/", () => ({ status: "ok" }));
    const io = new Server(app.server, {
      path: this.config.socketio_path,
      serveClient: false,
      cors: { origin: true, credentials: true },
    });
    this.io = io;
    this.nsp = io.of(this.config.namespace ?? "/");
    if (this.config.jwt_key) {
      const verify = createJwtVerifier(this.config.jwt_key, this.config.jwt_method);
      this.nsp.use((socket, next) => {
        const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
        if (typeof token !== "string") return next(new Error("Authentication failed: no token in the handshake"));
        verify(token).then(
          (payload) => next(payload ? undefined : new Error("Authentication failed: invalid token")),
          () => next(new Error("Authentication failed")),
        );
      });
    }
    this.nsp.on("connection", (socket) => this.onConnection(socket, handler));
    // Open websockets would keep the HTTP server from closing.
    app.addHook("preClose", (done) => {
      io.disconnectSockets(true);
      io.engine.close();
      done();
    });
  }

  private onConnection(socket: Socket, handler: MessageHandler): void {
    this.logger.debug({ sid: socket.id }, "User connected to socketIO endpoint");
    socket.on("session_request", (data: unknown) => {
      const given = typeof data === "object" && data !== null ? (data as { session_id?: unknown }).session_id : null;
      const sessionId =
        typeof given === "string" && given !== "" ? given : typeof given === "number" ? String(given) : newHexId();
      if (this.config.session_persistence) void socket.join(sessionId);
      socket.emit("session_confirm", sessionId);
    });
    socket.on(this.config.user_message_evt, (data: unknown) => {
      this.onUserMessage(socket, data, handler).catch((err: unknown) => {
        this.logger.error({ err: String(err), sid: socket.id }, "An exception occurred while handling user message");
      });
    });
  }

  private async onUserMessage(socket: Socket, data: unknown, handler: MessageHandler): Promise<void> {
    if (typeof data !== "object" || data === null || Array.isArray(data))
      return this.reject(socket, "A user message must be an object like {message, session_id}.");
    const d = data as Record<string, unknown>;
    let senderId = socket.id;
    if (this.config.session_persistence) {
      const sessionId = d.session_id;
      if ((typeof sessionId !== "string" && typeof sessionId !== "number") || sessionId === "") {
        // Rasa's warning, word for word in meaning: the message is dropped.
        this.logger.warn(
          { sid: socket.id },
          "A message without a valid session_id was received. This message will be ignored. Make sure to set a proper session id using the `session_request` socketIO event.",
        );
        return;
      }
      senderId = String(sessionId);
    }
    const text = d.message ?? "";
    if (typeof text !== "string") return this.reject(socket, "'message' must be a string.");
    let metadata: unknown = d[this.config.metadata_key] ?? {};
    if (typeof metadata === "string") {
      try {
        metadata = JSON.parse(metadata) as unknown;
      } catch {
        return this.reject(socket, `'${this.config.metadata_key}' is not valid JSON.`);
      }
    }
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
      return this.reject(socket, `'${this.config.metadata_key}' must be an object.`);
    await handler(
      { text, senderId, inputChannel: this.name, metadata: metadata as Record<string, unknown> },
      this.output,
    );
  }

  private reject(socket: Socket, message: string): void {
    this.logger.warn({ sid: socket.id, problem: message }, "Malformed socket.io message ignored");
    socket.emit("error", { message });
  }

  close(): Promise<void> {
    this.io?.disconnectSockets(true);
    return Promise.resolve();
  }
}
