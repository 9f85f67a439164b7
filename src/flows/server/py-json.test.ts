import { describe, expect, it } from "vitest";
import { pyJsonDumps } from "./py-json.js";

describe("pyJsonDumps (Python json.dumps defaults)", () => {
  it("uses Python's separators and escapes non-ASCII", () => {
    expect(pyJsonDumps({ utterance: "Caffè ☕ 😀\n", payload: { a: [1, true, null], b: {} } })).toBe(
      '{"utterance": "Caff\\u00e8 \\u2615 \\ud83d\\ude00\\n", "payload": {"a": [1, true, null], "b": {}}}',
    );
  });
  it("keeps key order and drops undefined values like JSON does", () => {
    expect(pyJsonDumps({ z: 1, a: undefined, m: "x" })).toBe('{"z": 1, "m": "x"}');
    expect(pyJsonDumps([])).toBe("[]");
  });
});
