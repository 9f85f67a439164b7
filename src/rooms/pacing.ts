/**
 * @module rooms/pacing
 * Human-like bot pacing: show "typing", wait in proportion to the reply's length, then post.
 * Trollbot waited a fixed 0.5 s + 2 s after a poll of up to 3 s; here the delay is configurable
 * (0 in tests) and replies are pushed as soon as the bot produces them.
 */
import type { PacingConfig } from "./config.js";

export function typingDelayMs(text: string, pacing: PacingConfig): number {
  const scaled = pacing.min_delay_ms + pacing.ms_per_char * text.length;
  return Math.max(0, Math.min(pacing.max_delay_ms, scaled));
}

export const sleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
