import { describe, expect, it } from "vitest";
import { trainNlu } from "./index.js";
import { extractDuckling, timezoneOffset } from "./duckling.js";
import { findNumbers } from "./numbers.js";
import { nluDataFromYaml } from "./test-data.js";

const NOW = new Date("2024-05-01T10:00:00Z");

describe("Duckling-shaped extraction", () => {
  it("resolves a relative date and time in Duckling's shape", () => {
    const [time] = extractDuckling("book it for tomorrow at 5pm", { dimensions: ["time"], timezone: null }, NOW);
    expect(time).toEqual({
      entity: "time",
      start: 12,
      end: 27,
      text: "tomorrow at 5pm",
      value: "2024-05-02T17:00:00.000+00:00",
      confidence: 1,
      additional_info: {
        values: [{ value: "2024-05-02T17:00:00.000+00:00", grain: "hour", type: "value" }],
        value: "2024-05-02T17:00:00.000+00:00",
        grain: "hour",
        type: "value",
      },
      extractor: "DucklingEntityExtractor",
    });
  });

  it("gives intervals as from/to", () => {
    const [time] = extractDuckling("from 3 to 5pm on friday", { dimensions: ["time"], timezone: null }, NOW);
    expect(time?.value).toEqual({ from: "2024-05-03T15:00:00.000+00:00", to: "2024-05-03T17:00:00.000+00:00" });
  });

  it("uses the configured timezone for the offset", () => {
    expect(timezoneOffset("Europe/Berlin", NOW)).toBe(120);
    const [time] = extractDuckling("tomorrow at 5pm", { dimensions: ["time"], timezone: "Europe/Berlin" }, NOW);
    expect(time?.value).toBe("2024-05-02T17:00:00.000+02:00");
  });

  it("reads numbers in digits and words, and leaves numbers inside times to the time", () => {
    expect(findNumbers("a table for twenty one, 1,250.5 or three").map((n) => n.value)).toEqual([21, 1250.5, 3]);
    const entities = extractDuckling("three people at 7pm", { dimensions: [], timezone: null }, NOW);
    expect(entities.map((e) => [e.entity, e.value])).toEqual([
      ["number", 3],
      ["time", "2024-05-01T19:00:00.000+00:00"],
    ]);
  });

  it("only emits the configured dimensions, inside a trained pipeline", () => {
    const data = nluDataFromYaml(
      "nlu:\n- intent: book\n  examples: |\n    - book for three people tomorrow\n    - table please\n",
    );
    const model = trainNlu(data, {
      pipeline: [
        { name: "WhitespaceTokenizer" },
        { name: "CountVectorsFeaturizer" },
        { name: "LogisticRegressionClassifier" },
        { name: "DucklingEntityExtractor", dimensions: ["number"] },
      ],
      language: "en",
    });
    const result = model.parse("table for three tomorrow", { referenceTime: NOW });
    expect(result.entities.map((e) => [e.entity, e.value, e.extractor])).toEqual([
      ["number", 3, "DucklingEntityExtractor"],
    ]);
  });
});
