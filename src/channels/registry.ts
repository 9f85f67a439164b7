/**
 * @module channels/registry
 * The input channels named in credentials.yml, plus REST always (the contract: any Rasa
 * project, e.g. moodbot whose credentials.yml lists only third-party channels, answers on REST), mounted at
 * `/webhooks/<name>/`, and `outputFor(name)`: the output channel that reaches that channel's users
 * outside a request, for `?output_channel=`/`latest`, reminders and side effects.
 */
import type { FastifyInstance } from "fastify";
import type { Logger, OutputChannel } from "../ports/index.js";
import { CallbackChannel, readCallbackConfig } from "./callback/index.js";
import type { InputChannel } from "./input-channel.js";
import type { MessageHandler } from "./message-handler.js";
import { registerRestChannel } from "./rest.js";
import { readSocketIOConfig, SocketIOChannel } from "./socketio/index.js";

class RestChannel implements InputChannel {
  readonly name = "rest";
  register(app: FastifyInstance, handler: MessageHandler): void {
    registerRestChannel(app, handler);
  }
  outputChannel(): null {
    return null;
  }
}

export class ChannelRegistry {
  constructor(readonly channels: InputChannel[]) {}

  /** Builds the channels from credentials.yml's top-level keys; unknown channels are skipped with a warning. */
  static fromCredentials(credentials: Record<string, unknown> | null | undefined, logger: Logger): ChannelRegistry {
    const entries = Object.entries(credentials ?? {});
    const channels: InputChannel[] = [];
    if (!entries.some(([name]) => name === "rest")) entries.unshift(["rest", null]);
    for (const [name, config] of entries) {
      if (name === "rest") channels.push(new RestChannel());
      else if (name === "callback") channels.push(new CallbackChannel(readCallbackConfig(config), logger));
      else if (name === "socketio") channels.push(new SocketIOChannel(readSocketIOConfig(config), logger));
      else logger.warn({ channel: name }, `Channel '${name}' from credentials.yml is not supported by Confab; skipped`);
    }
    return new ChannelRegistry(channels);
  }

  get names(): string[] {
    return this.channels.map((c) => c.name);
  }

  find<T extends InputChannel>(name: string): T | undefined {
    return this.channels.find((c) => c.name === name) as T | undefined;
  }

  register(app: FastifyInstance, handler: MessageHandler): void {
    for (const channel of this.channels) channel.register(app, handler);
  }

  readonly outputFor = (name: string | null): OutputChannel | null => {
    if (!name) return null;
    return this.channels.find((c) => c.name === name)?.outputChannel() ?? null;
  };

  async close(): Promise<void> {
    for (const channel of this.channels) await channel.close?.();
  }
}
