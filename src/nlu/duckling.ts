/**
 * @module nlu/duckling
 * Confab's stand-in for Rasa's DucklingEntityExtractor, without a Duckling server: dates and times through
 * chrono-node, numbers through `numbers.ts`. Entities have Duckling's shape as Rasa emits it: `entity` = the
 * dimension, `value` (ISO time with offset, `{from, to}` for intervals, or the number), `additional_info`
 * (Duckling's value object), `confidence` 1.0 and `extractor: "DucklingEntityExtractor"`. Only the configured
 * `dimensions` are emitted (all supported ones when none are configured, as Duckling does).
 */
import { createRequire } from "node:module";
import type * as Chrono from "chrono-node";
import type { ExtractedEntity } from "../model/index.js";
import { findNumbers } from "./numbers.js";

export const DUCKLING_EXTRACTOR = "DucklingEntityExtractor";
export const DUCKLING_DIMENSIONS = ["time", "number"] as const;

// chrono-node is required on the first time extraction: bots without Duckling never load it (it weighs ~10 MB).
let chronoModule: typeof Chrono | null = null;
function chrono(): typeof Chrono {
  chronoModule ??= createRequire(import.meta.url)("chrono-node") as typeof Chrono;
  return chronoModule;
}

/** Rasa's Duckling entities carry `confidence` (not `confidence_entity`), which ExtractedEntity does not declare. */
type DucklingEntity = ExtractedEntity & { confidence: number };

export interface DucklingConfig {
  dimensions: string[];
  /** Rasa's `timezone` (IANA name); times are in UTC when it is not configured or unknown. */
  timezone: string | null;
}

/** The UTC offset in minutes of `timezone` at `at` (0 for UTC or an unknown zone). */
export function timezoneOffset(timezone: string | null, at: Date): number {
  if (!timezone) return 0;
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: timezone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  } catch {
    return 0;
  }
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, "0");
}

/** Duckling's time format: `2024-05-02T17:00:00.000+02:00`. */
export function ducklingTime(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.` +
    `${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`
  );
}

function grainOf(component: Chrono.ParsedComponents): string {
  if (component.isCertain("second")) return "second";
  if (component.isCertain("minute") && component.get("minute") !== 0) return "minute";
  if (component.isCertain("hour")) return "hour";
  if (component.isCertain("day") || component.isCertain("weekday")) return "day";
  if (component.isCertain("month")) return "month";
  return "year";
}

function timeEntities(text: string, reference: Date, offset: number): DucklingEntity[] {
  const results = chrono().parse(text, { instant: reference, timezone: offset }, { forwardDate: true });
  return results.map((r) => {
    const from = ducklingTime(r.start.date(), offset);
    const grain = grainOf(r.start);
    const base = { start: r.index, end: r.index + r.text.length, text: r.text, entity: "time" };
    if (r.end) {
      const to = ducklingTime(r.end.date(), offset);
      const interval = { from: { value: from, grain }, to: { value: to, grain: grainOf(r.end) } };
      return {
        ...base,
        value: { from, to },
        confidence: 1.0,
        additional_info: { values: [{ ...interval, type: "interval" }], ...interval, type: "interval" },
        extractor: DUCKLING_EXTRACTOR,
      };
    }
    const info = { value: from, grain, type: "value" };
    return {
      ...base,
      value: from,
      confidence: 1.0,
      additional_info: { values: [info], ...info },
      extractor: DUCKLING_EXTRACTOR,
    };
  });
}

/** Duckling entities of the configured dimensions; `reference` is "now" for relative times ("tomorrow"). */
export function extractDuckling(text: string, config: DucklingConfig, reference: Date): ExtractedEntity[] {
  const wanted = new Set(config.dimensions.length > 0 ? config.dimensions : DUCKLING_DIMENSIONS);
  const out: DucklingEntity[] = [];
  const offset = timezoneOffset(config.timezone, reference);
  const times = wanted.has("time") ? timeEntities(text, reference, offset) : [];
  out.push(...times);
  if (wanted.has("number")) {
    for (const n of findNumbers(text)) {
      // Numbers inside a time ("5" in "at 5pm") belong to the time, as Duckling resolves the longest match.
      if (times.some((t) => (t.start ?? 0) < n.end && n.start < (t.end ?? 0))) continue;
      out.push({
        start: n.start,
        end: n.end,
        text: n.text,
        entity: "number",
        value: n.value,
        confidence: 1.0,
        additional_info: { value: n.value, type: "value" },
        extractor: DUCKLING_EXTRACTOR,
      });
    }
  }
  return out.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}
