import { describe, expect, it } from "vitest";
import { AnnotationError, parseAnnotatedText, synonymsOf } from "./entity-annotations.js";

describe("entity annotations", () => {
  it("removes [text](entity) markup and gives offsets in the cleaned text", () => {
    const r = parseAnnotatedText("show me [chinese](cuisine) food in [New York](city)");
    expect(r.text).toBe("show me chinese food in New York");
    expect(r.entities).toEqual([
      { entity: "cuisine", start: 8, end: 15, value: "chinese" },
      { entity: "city", start: 24, end: 32, value: "New York" },
    ]);
    for (const e of r.entities) expect(r.text.slice(e.start, e.end)).toBe(e.value);
  });

  it("reads roles, groups and synonym values from the JSON form", () => {
    const r = parseAnnotatedText(
      'fly from [Berlin]{"entity":"city","role":"from"} to [Paris]{"entity": "city", "role": "to"} with a [large]{"entity":"size","group":"1"} bag',
    );
    expect(r.text).toBe("fly from Berlin to Paris with a large bag");
    expect(r.entities).toEqual([
      { entity: "city", start: 9, end: 15, value: "Berlin", role: "from" },
      { entity: "city", start: 19, end: 24, value: "Paris", role: "to" },
      { entity: "size", start: 32, end: 37, value: "large", group: "1" },
    ]);
  });

  it("turns an inline value into a lower-cased synonym", () => {
    const r = parseAnnotatedText('my [Credit Card Account]{"entity":"account","value":"credit"} please');
    expect(r.entities[0]).toMatchObject({ entity: "account", value: "credit", start: 3, end: 22 });
    expect(synonymsOf(r)).toEqual({ "credit card account": "credit" });
    const legacy = parseAnnotatedText("[NYC](city:New York)");
    expect(legacy).toEqual({ text: "NYC", entities: [{ entity: "city", start: 0, end: 3, value: "New York" }] });
    expect(synonymsOf(legacy)).toEqual({ nyc: "New York" });
  });

  it("supports the list form of test stories (several entities on one span)", () => {
    const r = parseAnnotatedText('I want [ice cream][{"entity":"food"},{"entity":"dessert","role":"sweet"}] now');
    expect(r.text).toBe("I want ice cream now");
    expect(r.entities).toEqual([
      { entity: "food", start: 7, end: 16, value: "ice cream" },
      { entity: "dessert", start: 7, end: 16, value: "ice cream", role: "sweet" },
    ]);
  });

  it("leaves text without markup alone and rejects broken JSON", () => {
    expect(parseAnnotatedText("just [brackets] here")).toEqual({ text: "just [brackets] here", entities: [] });
    expect(() => parseAnnotatedText('a [b]{"entity": }')).toThrow(AnnotationError);
    expect(() => parseAnnotatedText('a [b]{"role": "x"}')).toThrow(/has no "entity"/);
  });
});
