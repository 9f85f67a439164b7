import { describe, expect, it } from "vitest";
import { copyJson } from "./copy-json.js";

describe("copyJson", () => {
  const userEvent = {
    event: "user",
    timestamp: 1700000000.5,
    text: "hi",
    parse_data: {
      intent: { name: "greet", confidence: 0.9 },
      entities: [{ entity: "name", value: "Ana", start: 0, end: 3 }],
      intent_ranking: [
        { name: "greet", confidence: 0.9 },
        { name: "goodbye", confidence: 0.1 },
      ],
    },
    metadata: { nested: { list: [1, null, "x"] } },
  };

  it("copies deeply: changing the copy leaves the original alone", () => {
    const copy = copyJson(userEvent);
    expect(copy).toEqual(userEvent);
    copy.parse_data.intent_ranking[0]!.confidence = 0;
    copy.metadata.nested.list.push(2);
    expect(userEvent.parse_data.intent_ranking[0]!.confidence).toBe(0.9);
    expect(userEvent.metadata.nested.list).toEqual([1, null, "x"]);
  });

  it("keeps key order, so serialised events read the same", () => {
    const odd = [
      { confidence: 0.5, name: "a" },
      { name: "b", confidence: 0.5, id: 3 },
      { name: { deep: [1] }, confidence: 1 },
    ];
    expect(JSON.stringify(copyJson(odd))).toBe(JSON.stringify(odd));
    expect(JSON.stringify(copyJson(userEvent))).toBe(JSON.stringify(userEvent));
  });

  it("copies a ranking entry's values deeply too", () => {
    const entry = { name: { deep: [1] }, confidence: 1 };
    const copy = copyJson(entry);
    copy.name.deep.push(2);
    expect(entry.name.deep).toEqual([1]);
  });
});
