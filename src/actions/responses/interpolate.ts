/**
 * @module actions/responses/interpolate
 * Rasa's response interpolation (`rasa/core/nlg/interpolator.py`, `rasa-protocol.md` §6.4): every
 * `{name}` becomes `{0[name]}`, the result goes through Python's `str.format(values)`, and the
 * quirks users rely on are kept:
 * - a slot that exists but is empty renders `None`; booleans `True`/`False`; lists and dicts as
 *   Python prints them;
 * - `{{` / `}}` escape braces;
 * - an unknown key, or a template `str.format` cannot read, returns the template unfilled;
 * - if the filled text still contains `0[` (a tag inside escaped braces), the template is
 *   returned with only its escapes resolved.
 */
import { pyStr } from "./python-values.js";

export type WarnFn = (message: string) => void;

/** The keys of a response variation Rasa interpolates (`TemplatedNaturalLanguageGenerator`). */
export const INTERPOLATED_KEYS = ["text", "image", "custom", "buttons", "attachment", "quick_replies"] as const;

type Filled = { ok: true; text: string } | { ok: false; problem: string };

/** A subset of Python's `str.format` parser: literal text, `{{`, `}}` and `{field}`. */
function pyFormat(s: string, field: (name: string) => Filled): Filled {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "{" && s[i + 1] === "{") {
      out += "{";
      i += 2;
    } else if (c === "}" && s[i + 1] === "}") {
      out += "}";
      i += 2;
    } else if (c === "}") {
      return { ok: false, problem: "single '}' encountered" };
    } else if (c === "{") {
      const end = s.indexOf("}", i + 1);
      const nested = s.indexOf("{", i + 1);
      if (end < 0) return { ok: false, problem: "expected '}' before end of string" };
      if (nested >= 0 && nested < end) return { ok: false, problem: "nested replacement field" };
      const filled = field(s.slice(i + 1, end));
      if (!filled.ok) return filled;
      out += filled.text;
      i = end + 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return { ok: true, text: out };
}

function lookup(values: Readonly<Record<string, unknown>>): (name: string) => Filled {
  return (name) => {
    const m = /^0\[([^\]]*)\]$/s.exec(name);
    const key = m?.[1];
    // Python reads an all-digit index as an int, which never matches a slot name.
    if (key === undefined || /^\d+$/.test(key) || !Object.hasOwn(values, key)) {
      return { ok: false, problem: `no value for '${key ?? name}'` };
    }
    return { ok: true, text: pyStr(values[key]) };
  };
}

const noFields = (name: string): Filled => ({ ok: false, problem: `no value for '${name}'` });

/** Fills one template string; never throws. */
export function interpolateText(template: string, values: Readonly<Record<string, unknown>>, warn?: WarnFn): string {
  // Most texts have no braces at all, and `str.format` gives those back unchanged.
  if (!template.includes("{") && !template.includes("}")) return template;
  const tagged = template.replace(/{([^\n{}]+?)}/g, "{0[$1]}");
  const filled = pyFormat(tagged, lookup(values));
  if (!filled.ok) {
    warn?.(`Failed to fill response template '${template}': ${filled.problem}. Returning it unfilled.`);
    return template;
  }
  if (!filled.text.includes("0[")) return filled.text;
  const escaped = pyFormat(template, noFields);
  if (!escaped.ok) {
    warn?.(`Failed to fill response template '${template}': ${escaped.problem}. Returning it unfilled.`);
    return template;
  }
  return escaped.text;
}

/** Rasa's recursive `interpolate`: strings inside dicts and lists are filled; other values kept. */
export function interpolate<T>(value: T, values: Readonly<Record<string, unknown>>, warn?: WarnFn): T {
  if (typeof value === "string") return interpolateText(value, values, warn) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => interpolate(v, values, warn)) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, values, warn);
    return out as T;
  }
  return value;
}

/**
 * Fills a response variation with slot values and kwargs (kwargs win). As in Rasa, nothing is
 * filled when there are no values at all, and only `INTERPOLATED_KEYS` are touched (not `elements`).
 */
export function fillResponse<T extends object>(
  variation: T,
  slots: Readonly<Record<string, unknown>>,
  kwargs: Readonly<Record<string, unknown>> = {},
  warn?: WarnFn,
): T {
  const values = { ...slots, ...kwargs };
  const out: Record<string, unknown> = { ...(variation as Record<string, unknown>) };
  if (Object.keys(values).length === 0) return out as T;
  for (const key of INTERPOLATED_KEYS) {
    if (Object.hasOwn(out, key)) out[key] = interpolate(out[key], values, warn);
  }
  return out as T;
}
