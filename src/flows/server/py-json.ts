/**
 * @module flows/server/py-json
 * JSON text the way Python's `json.dumps` writes it by default (MCC's backend replies are made with it):
 * `", "` and `": "` separators and every non-ASCII character escaped as `\uXXXX`. Clients that compare
 * frames byte for byte (or log them) see exactly what MCC sent.
 */
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) =>
    c === "\u007f" ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return pyString(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : value > 0 ? "Infinity" : value < 0 ? "-Infinity" : "NaN";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => pyJsonDumps(v)).join(", ")}]`;
      const toJson = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof toJson === "function") return pyJsonDumps(toJson.call(value));
      const parts = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && typeof v !== "function")
        .map(([k, v]) => `${pyString(k)}: ${pyJsonDumps(v)}`);
      return `{${parts.join(", ")}}`;
    }
    default:
      return "null";
  }
}
