/**
 * @module metrics
 * Prometheus metrics (`GET /metrics`): messages per channel, turn durations, and every error that
 * is logged with a stable code (action server, NLG server, reminders, ...), counted by code.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { MessageHandler } from "../channels/message-handler.js";
import type { Logger } from "../ports/index.js";

export class Metrics {
  readonly registry = new Registry();
  readonly errors = new Counter({
    name: "confab_errors_total",
    help: "Errors logged with a stable code (see docs/errors.md), by code",
    labelNames: ["code"],
    registers: [this.registry],
  });
  readonly messages = new Counter({
    name: "confab_messages_total",
    help: "User messages handled, by input channel",
    labelNames: ["channel"],
    registers: [this.registry],
  });
  readonly turnSeconds = new Histogram({
    name: "confab_turn_duration_seconds",
    help: "Time to handle one user message, lock wait included",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** A logger that also counts every warning or error carrying a `code`. */
export function countingLogger(logger: Logger, metrics: Metrics): Logger {
  const count = (obj: object) => {
    const code = (obj as { code?: unknown }).code;
    if (typeof code === "string") metrics.errors.inc({ code });
  };
  return {
    debug: (obj, msg) => logger.debug(obj, msg),
    info: (obj, msg) => logger.info(obj, msg),
    warn: (obj, msg) => {
      count(obj);
      logger.warn(obj, msg);
    },
    error: (obj, msg) => {
      count(obj);
      logger.error(obj, msg);
    },
  };
}

/** Counts and times every message a channel hands to the bot. */
export function measuredHandler(handler: MessageHandler, metrics: Metrics): MessageHandler {
  return async (message, output) => {
    metrics.messages.inc({ channel: message.inputChannel });
    const end = metrics.turnSeconds.startTimer();
    try {
      await handler(message, output);
    } finally {
      end();
    }
  };
}
