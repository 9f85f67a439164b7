import { describe, expect, it } from "vitest";
import type { BotData, BotUttered } from "../../model/index.js";
import { botMessageDict, collectMessages } from "./collect.js";

function bot(text: string | null, data: BotData = {}, metadata: Record<string, unknown> = {}): BotUttered {
  return { event: "bot", timestamp: 1, text, data, metadata };
}
const buttons = [{ title: "yes", payload: "/affirm" }];

describe("collectMessages", () => {
  it("splits plain text on blank lines, trimming the whole text first", () => {
    expect(collectMessages(bot("\n first\n\nsecond\nline\n\n\nthird  "), "u")).toEqual([
      { recipient_id: "u", text: "first" },
      { recipient_id: "u", text: "second\nline" },
      { recipient_id: "u", text: "\nthird" },
    ]);
  });

  it("does not split text that carries buttons", () => {
    expect(collectMessages(bot("a\n\nb", { buttons }), "u")).toEqual([{ recipient_id: "u", text: "a\n\nb", buttons }]);
  });

  it("sends quick replies as buttons, preferring them over buttons", () => {
    const qr = [{ title: "q", payload: "/q" }];
    expect(collectMessages(bot("pick", { quick_replies: qr, buttons }), "u")).toEqual([
      { recipient_id: "u", text: "pick", buttons: qr },
    ]);
  });

  it("sends buttons without text as a message without text", () => {
    expect(collectMessages(bot(null, { buttons }), "u")).toEqual([{ recipient_id: "u", buttons }]);
  });

  it("sends custom, image and attachment as their own messages, in Rasa's order", () => {
    const data = { custom: { blocks: [1] }, image: "i.png", attachment: { type: "file", url: "f.pdf" } };
    expect(collectMessages(bot("hi", data), "u")).toEqual([
      { recipient_id: "u", text: "hi" },
      { recipient_id: "u", custom: { blocks: [1] } },
      { recipient_id: "u", image: "i.png" },
      { recipient_id: "u", attachment: { type: "file", url: "f.pdf" } },
    ]);
  });

  it("sends an image that doubles as attachment only once", () => {
    expect(collectMessages(bot(null, { image: "i.png", attachment: "i.png" }), "u")).toEqual([
      { recipient_id: "u", image: "i.png" },
    ]);
  });

  it("renders each element as '<title> : <subtitle>' with its buttons", () => {
    const elements = [{ title: "Pizza", subtitle: "hot", buttons }, { title: "Salad" }];
    expect(collectMessages(bot(null, { elements }), "u")).toEqual([
      { recipient_id: "u", text: "Pizza : hot", buttons },
      { recipient_id: "u", text: "Salad : ", buttons: [] },
    ]);
  });

  it("sends nothing for empty text and empty fields", () => {
    expect(collectMessages(bot("", { buttons: [], custom: {}, image: null }), "u")).toEqual([]);
  });
});

describe("botMessageDict (BotUttered.message)", () => {
  it("merges data, text, timestamp and metadata", () => {
    const m = botMessageDict(bot("hi", { image: "i.png", attachment: "i.png" }, { utter_action: "utter_x" }));
    expect(m).toEqual({ image: "i.png", attachment: null, text: "hi", timestamp: 1, utter_action: "utter_x" });
  });
});
