import { describe, expect, it } from "vitest";
import type { ResponseVariation } from "../../model/index.js";
import { eligibleVariations, selectVariation } from "./select.js";

const cond = (name: string, value: unknown) => [{ type: "slot" as const, name, value }];

const variations: ResponseVariation[] = [
  { text: "default" },
  { text: "default slack", channel: "slack" },
  { text: "vip", condition: cond("vip", true) },
  { text: "vip slack", condition: cond("vip", true), channel: "slack" },
  { text: "vip web", condition: cond("vip", true), channel: "web" },
  { text: "default web", channel: "web" },
];
const texts = (vs: ResponseVariation[]) => vs.map((v) => v.text);

describe("eligibleVariations order", () => {
  it("1. matching conditional variations for the channel", () => {
    expect(texts(eligibleVariations(variations, { vip: true }, "slack"))).toEqual(["vip slack"]);
  });

  it("2. unconditional variations for the channel, when no conditional one fits it", () => {
    expect(texts(eligibleVariations(variations, { vip: false }, "slack"))).toEqual(["default slack"]);
    const noChannelConditional = variations.filter((v) => v.text !== "vip slack" && v.text !== "vip web");
    expect(texts(eligibleVariations(noChannelConditional, { vip: true }, "slack"))).toEqual(["default slack"]);
  });

  it("3. matching conditional variations without a channel", () => {
    expect(texts(eligibleVariations(variations, { vip: true }, "rest"))).toEqual(["vip"]);
  });

  it("4. unconditional variations without a channel", () => {
    expect(texts(eligibleVariations(variations, { vip: false }, "rest"))).toEqual(["default"]);
    expect(texts(eligibleVariations(variations, {}, null))).toEqual(["default"]);
  });

  it("requires every condition, compared like Python ==", () => {
    const vs: ResponseVariation[] = [
      { text: "both", condition: [...cond("a", 1), ...cond("b", "x")] },
      { text: "fallback" },
    ];
    expect(texts(eligibleVariations(vs, { a: 1, b: "x" }, null))).toEqual(["both"]);
    expect(texts(eligibleVariations(vs, { a: true, b: "x" }, null))).toEqual(["both"]);
    expect(texts(eligibleVariations(vs, { a: "1", b: "x" }, null))).toEqual(["fallback"]);
    expect(texts(eligibleVariations(vs, { a: 1 }, null))).toEqual(["fallback"]);
  });

  it("treats a missing slot as None", () => {
    const vs: ResponseVariation[] = [{ text: "unset", condition: cond("name", null) }, { text: "other" }];
    expect(texts(eligibleVariations(vs, {}, null))).toEqual(["unset"]);
  });

  it("never picks a variation with an empty condition list", () => {
    expect(eligibleVariations([{ text: "x", condition: [] }], {}, null)).toEqual([]);
  });
});

describe("selectVariation", () => {
  const three: ResponseVariation[] = [{ text: "a" }, { text: "b" }, { text: "c" }];

  it("picks uniformly with the injected random source", () => {
    expect(selectVariation(three, {}, null, () => 0)?.text).toBe("a");
    expect(selectVariation(three, {}, null, () => 0.5)?.text).toBe("b");
    expect(selectVariation(three, {}, null, () => 0.9999)?.text).toBe("c");
  });

  it("stays in range even for a random source returning 1", () => {
    expect(selectVariation(three, {}, null, () => 1)?.text).toBe("c");
  });

  it("returns null when nothing is eligible", () => {
    expect(selectVariation([{ text: "x", channel: "slack" }], {}, "rest")).toBeNull();
    expect(selectVariation([], {}, null)).toBeNull();
  });
});
