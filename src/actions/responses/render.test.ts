import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import type { Domain, ResponseVariation } from "../../model/index.js";
import { collectMessages } from "./collect.js";
import { createBotUtterance, renderResponse } from "./render.js";

const MOODBOT = path.resolve(process.cwd(), "../shared/fixtures/rasa/moodbot/domain.yml");
const moodbot = parse(readFileSync(MOODBOT, "utf8")) as Pick<Domain, "responses">;
const now = () => 1234.5;

function domain(responses: Record<string, ResponseVariation[]>): Pick<Domain, "responses"> {
  return { responses };
}

describe("renderResponse", () => {
  it("builds moodbot's utter_greet bot event with all six data keys", () => {
    const r = renderResponse("utter_greet", moodbot, { session_started_metadata: null }, { now });
    expect(r?.event).toEqual({
      event: "bot",
      timestamp: 1234.5,
      text: "Hey! How are you?",
      data: {
        elements: null,
        quick_replies: null,
        buttons: [
          { title: "great", payload: "/mood_great" },
          { title: "super sad", payload: "/mood_unhappy" },
        ],
        attachment: null,
        image: null,
        custom: null,
      },
      metadata: { utter_action: "utter_greet" },
    });
  });

  it("copies the image into attachment when there is no attachment (Rasa's legacy quirk)", () => {
    const r = renderResponse("utter_cheer_up", moodbot, {}, { now });
    expect(r?.event.data).toMatchObject({
      image: "https://i.imgur.com/iPa8HCj.jpeg",
      attachment: "https://i.imgur.com/iPa8HCj.jpeg",
    });
    const both = renderResponse("r", domain({ r: [{ image: "i.png", attachment: { type: "file" } }] }), {}, { now });
    expect(both?.event.data.attachment).toEqual({ type: "file" });
  });

  it("puts utter_action, the variation's id, metadata and other leftover keys into event metadata", () => {
    const d = domain({
      utter_x: [{ text: "hi", id: "greet_1", metadata: { rephrase: true }, channel: "slack" }],
    });
    const r = renderResponse("utter_x", d, {}, { channel: "slack", now });
    expect(r?.event.metadata).toEqual({
      id: "greet_1",
      metadata: { rephrase: true },
      channel: "slack",
      utter_action: "utter_x",
    });
    expect(r?.event.text).toBe("hi");
  });

  it("fills templates from slots and kwargs, and reports unfillable ones", () => {
    const warn = vi.fn();
    const d = domain({ utter_hi: [{ text: "Hi {name}, {missing}" }], utter_ok: [{ text: "Hi {name}" }] });
    expect(renderResponse("utter_ok", d, { name: "Ada" }, { now })?.event.text).toBe("Hi Ada");
    expect(renderResponse("utter_ok", d, { name: "Ada" }, { kwargs: { name: "Bo" }, now })?.event.text).toBe("Hi Bo");
    expect(renderResponse("utter_hi", d, { name: "Ada" }, { now, warn })?.event.text).toBe("Hi {name}, {missing}");
    expect(warn).toHaveBeenCalledOnce();
  });

  it("uses the channel and conditions to choose, and random among the eligible", () => {
    const d = domain({
      utter_x: [
        { text: "one" },
        { text: "two" },
        { text: "slack", channel: "slack" },
        { text: "vip", condition: [{ type: "slot", name: "vip", value: true }] },
      ],
    });
    expect(renderResponse("utter_x", d, { vip: false }, { random: () => 0.7, now })?.event.text).toBe("two");
    expect(renderResponse("utter_x", d, { vip: false }, { channel: "slack", now })?.event.text).toBe("slack");
    expect(renderResponse("utter_x", d, { vip: true }, { channel: "rest", now })?.variation.text).toBe("vip");
  });

  it("returns null for an unknown response or when no variation fits", () => {
    expect(renderResponse("utter_nope", moodbot, {})).toBeNull();
    expect(renderResponse("toString", moodbot, {})).toBeNull();
    expect(renderResponse("r", domain({ r: [{ text: "x", channel: "slack" }] }), {}, { channel: "rest" })).toBeNull();
  });

  it("does not modify the domain", () => {
    const d = domain({ r: [{ text: "Hi {name}", buttons: [{ title: "{name}", payload: "/x" }] }] });
    renderResponse("r", d, { name: "Ada" }, { now });
    expect(d.responses.r).toEqual([{ text: "Hi {name}", buttons: [{ title: "{name}", payload: "/x" }] }]);
  });

  it("createBotUtterance keeps a missing text as null", () => {
    expect(createBotUtterance({ custom: { a: 1 } }, 1)).toMatchObject({ text: null, data: { custom: { a: 1 } } });
  });
});

describe("collectMessages on rendered moodbot responses", () => {
  it("utter_greet: text and buttons are one message", () => {
    const bot = renderResponse("utter_greet", moodbot, {}, { now })!.event;
    expect(collectMessages(bot, "user1")).toEqual([
      {
        recipient_id: "user1",
        text: "Hey! How are you?",
        buttons: [
          { title: "great", payload: "/mood_great" },
          { title: "super sad", payload: "/mood_unhappy" },
        ],
      },
    ]);
  });

  it("utter_cheer_up: text then image, the image sent once", () => {
    const bot = renderResponse("utter_cheer_up", moodbot, {}, { now })!.event;
    expect(collectMessages(bot, "user1")).toEqual([
      { recipient_id: "user1", text: "Here is something to cheer you up:" },
      { recipient_id: "user1", image: "https://i.imgur.com/iPa8HCj.jpeg" },
    ]);
  });
});
