/**
 * @module actions/responses/python-values
 * How Python would print, compare and truth-test JSON values. Rasa fills response templates with
 * `str.format`, compares slot conditions with `==` and picks message parts with `or`, so users
 * see Python's spelling (`None`, `True`, `['a', 'b']`) in bot texts.
 */

/**
 * Python's `repr(float)` for a finite number. JS cannot tell `3` from `3.0`, so whole numbers are
 * printed as Python ints (`3`); other numbers use Python's float spelling (`0.5`, `1e-05`).
 */
function pyNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Number.isInteger(n)) return BigInt(n).toString();
  const [mantissa = "0", exp = "0"] = n.toExponential().split("e");
  const e = Number(exp);
  // Python switches to scientific notation below 1e-4 (JS only below 1e-6); digits are the same.
  if (e < -4) return `${mantissa}e-${String(-e).padStart(2, "0")}`;
  return String(n);
}

/** Python's `repr(str)`: single quotes unless the text has `'` and no `"`. */
function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr()` of a JSON value (as nested inside a list or dict). */
export function pyRepr(value: unknown): string {
  if (typeof value === "string") return pyStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const items = Object.entries(value).map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`);
    return `{${items.join(", ")}}`;
  }
  return pyStr(value);
}

/** Python's `str()` of a JSON value: what `"{0[slot]}".format(values)` prints. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "string") return value;
  if (typeof value === "bigint") return value.toString();
  return pyRepr(value);
}

/** Python's truth value: `None`, `False`, `0`, `""`, `[]` and `{}` are false. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}

/** Python's `==` on JSON values: `True == 1` and `1 == 1.0` hold, `"1" == 1` does not. */
export function pyEquals(a: unknown, b: unknown): boolean {
  const numeric = (v: unknown) => typeof v === "number" || typeof v === "boolean";
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => pyEquals(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  return keys.every((k) => Object.hasOwn(rb, k) && pyEquals(ra[k], rb[k]));
}
