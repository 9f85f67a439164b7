/**
 * @module core/session
 * Session expiry as Rasa decides it: the time since the last *user* message exceeds
 * `session_expiration_time` minutes (0 disables expiry).
 */
import type { Domain, Tracker } from "../model/index.js";

export function sessionHasExpired(tracker: Tracker, domain: Domain, now: number): boolean {
  const minutes = domain.session_config.session_expiration_time;
  if (!minutes || minutes <= 0) return false;
  for (let i = tracker.events.length - 1; i >= 0; i--) {
    const e = tracker.events[i]!;
    if (e.event === "user") return (now - e.timestamp) / 60 > minutes;
  }
  return false;
}
