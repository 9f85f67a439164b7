/**
 * @module model/copy-json
 * A deep copy of JSON data (plain objects, arrays, primitives): what events, responses and tracker data are. Several
 * times faster than `structuredClone` for the small objects every turn copies.
 */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v: unknown) => copyJson(v)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = copyJson(v);
  return out as T;
}
