import { describe, expect, it } from "vitest";
import { newHexId } from "./hex-id.js";

describe("newHexId", () => {
  it("looks like Python's uuid4().hex, which Rasa uses for message ids", () => {
    for (let i = 0; i < 600; i++) expect(newHexId()).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
  });

  it("does not repeat across refills of its random pool", () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newHexId()));
    expect(ids.size).toBe(2000);
  });
});
