import { describe, expect, it, vi } from "vitest";
import { fillResponse, interpolate, interpolateText } from "./interpolate.js";
import { pyEquals, pyStr, pyTruthy } from "./python-values.js";

describe("pyStr (what a filled template shows)", () => {
  it("spells values as Python's str() does", () => {
    expect(pyStr(null)).toBe("None");
    expect(pyStr(true)).toBe("True");
    expect(pyStr(false)).toBe("False");
    expect(pyStr(3)).toBe("3");
    expect(pyStr(2.5)).toBe("2.5");
    expect(pyStr(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(pyStr(0.00001)).toBe("1e-05");
    expect(pyStr(1.5e-7)).toBe("1.5e-07");
    expect(pyStr(0.0001)).toBe("0.0001");
    expect(pyStr(1e21)).toBe("1000000000000000000000");
    expect(pyStr(["a", 1, null, true])).toBe("['a', 1, None, True]");
    expect(pyStr({ k: "it's", n: { x: [] } })).toBe(`{'k': "it's", 'n': {'x': []}}`);
    expect(pyStr(["a\nb"])).toBe("['a\\nb']");
  });

  it("compares and truth-tests like Python", () => {
    expect(pyEquals(true, 1)).toBe(true);
    expect(pyEquals(1, 1.0)).toBe(true);
    expect(pyEquals("1", 1)).toBe(false);
    expect(pyEquals(undefined, null)).toBe(true);
    expect(pyEquals({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(pyEquals({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect([null, "", 0, false, [], {}].map(pyTruthy)).toEqual([false, false, false, false, false, false]);
    expect(["x", 1, [0], { a: null }].map(pyTruthy)).toEqual([true, true, true, true]);
  });
});

describe("interpolateText", () => {
  const slots = { name: "Ada", empty: null, vip: true, count: 3, ratio: 0.5, tags: ["a", "b"] };

  it("fills slots, printing empty slots as None and booleans as True/False", () => {
    expect(interpolateText("Hi {name}!", slots)).toBe("Hi Ada!");
    expect(interpolateText("Name: {empty}", slots)).toBe("Name: None");
    expect(interpolateText("{vip} {count} {ratio} {tags}", slots)).toBe("True 3 0.5 ['a', 'b']");
  });

  it("unescapes doubled braces", () => {
    expect(interpolateText('/inform{{"insurance":"motor"}}', slots)).toBe('/inform{"insurance":"motor"}');
    expect(interpolateText("a {{ b }} c", slots)).toBe("a { b } c");
    expect(interpolateText('/go{{"city":"{name}"}}', slots)).toBe('/go{"city":"Ada"}');
  });

  it("returns the template unfilled and warns when a key is unknown", () => {
    const warn = vi.fn();
    expect(interpolateText("Hi {name}, {nope}", slots, warn)).toBe("Hi {name}, {nope}");
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]![0]).toMatch(/'nope'/);
  });

  it("treats keys literally: spaces, digits and format specs do not match slot names", () => {
    expect(interpolateText("{ name }", slots)).toBe("{ name }");
    expect(interpolateText("{0}", { "0": "zero" })).toBe("{0}");
    expect(interpolateText("{name:>10}", slots)).toBe("{name:>10}");
    expect(interpolateText("{name:>10}", { "name:>10": "x" })).toBe("x");
  });

  it("returns malformed templates unfilled instead of failing", () => {
    const warn = vi.fn();
    expect(interpolateText("a } b {name}", slots, warn)).toBe("a } b {name}");
    expect(interpolateText("open { end", slots, warn)).toBe("open { end");
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("keeps Rasa's `0[` fallback: escaped tags come back with only their escapes resolved", () => {
    expect(interpolateText("{{{name}}}", slots)).toBe("{Ada}");
    // An escaped word next to a real tag: Rasa's fallback cannot fill the tag, so nothing is filled.
    expect(interpolateText("{{literal}} and {name}", slots)).toBe("{{literal}} and {name}");
    // A filled value containing `0[` makes Rasa re-format the template without values.
    expect(interpolateText("{{x}} {name}", { name: "a0[b" })).toBe("{{x}} {name}");
    expect(interpolateText("{{x}}", { name: "a" })).toBe("{x}");
  });

  it("lets kwargs override slots via fillResponse", () => {
    const r = fillResponse({ text: "Hi {name}" }, slots, { name: "Grace" });
    expect(r.text).toBe("Hi Grace");
  });
});

describe("interpolate (recursive) and fillResponse", () => {
  const values = { name: "Ada", city: "Oslo" };

  it("fills strings nested in dicts and lists and leaves other values alone", () => {
    const custom = { blocks: [{ text: "{name}", n: 1, flag: true, deep: { s: "in {city}" } }] };
    expect(interpolate(custom, values)).toEqual({
      blocks: [{ text: "Ada", n: 1, flag: true, deep: { s: "in Oslo" } }],
    });
  });

  it("fills text, image, custom, button titles and payloads, attachment and quick replies, not elements", () => {
    const variation = {
      text: "Hi {name}",
      image: "https://x/{city}.png",
      buttons: [{ title: "Go to {city}", payload: '/go{{"city":"{city}"}}' }],
      quick_replies: [{ title: "{name}", payload: "/q" }],
      attachment: { url: "{city}" },
      custom: { who: "{name}" },
      elements: [{ title: "{name}" }],
      id: "{name}",
    };
    expect(fillResponse(variation, values)).toEqual({
      text: "Hi Ada",
      image: "https://x/Oslo.png",
      buttons: [{ title: "Go to Oslo", payload: '/go{"city":"Oslo"}' }],
      quick_replies: [{ title: "Ada", payload: "/q" }],
      attachment: { url: "Oslo" },
      custom: { who: "Ada" },
      elements: [{ title: "{name}" }],
      id: "{name}",
    });
  });

  it("does not touch the input variation", () => {
    const variation = { text: "Hi {name}", buttons: [{ title: "{name}", payload: "/x" }] };
    fillResponse(variation, values);
    expect(variation).toEqual({ text: "Hi {name}", buttons: [{ title: "{name}", payload: "/x" }] });
  });

  it("fills nothing, not even escapes, when there are no values at all (Rasa skips interpolation)", () => {
    expect(fillResponse({ text: "{{a}}" }, {}).text).toBe("{{a}}");
    expect(fillResponse({ text: "{{a}}" }, { s: null }).text).toBe("{a}");
  });
});
