import { describe, expect, it } from "vitest";
import type { ActionContext } from "../../actions/action.js";
import { loadDomain } from "../../config/index.js";
import { createTracker, initialSlotValues } from "../../model/index.js";
import type { Event } from "../../model/index.js";
import { silentLogger } from "../../ports/index.js";
import { EXAMPLE } from "../test-support.js";
import { trollbotActions } from "./trollbot-actions.js";
import type { ArtistApi } from "./genre-action.js";

const domain = loadDomain(`${EXAMPLE}/bots/troll/domain.yml`).domain;
const queen = { professionalName: "Queen", firstname: null, gender: "band", genres: ["rock"] };
const api: ArtistApi = {
  genre: (a) => Promise.resolve(a.toLowerCase() === "queen" ? "rock" : null),
  artist: (a) => Promise.resolve(a.toLowerCase() === "queen" ? queen : null),
};
const actions = trollbotActions({ artists: api, quietSeconds: 5 });

function ctx(slots: Record<string, unknown>, entities: { entity: string; value: string }[] = []): ActionContext {
  const events: Event[] = [
    ...Object.entries(slots).map(([name, value]): Event => ({ event: "slot", timestamp: 1, name, value })),
    {
      event: "user",
      timestamp: 2,
      text: "x",
      parse_data: { text: "x", intent: { name: "likes_artist", confidence: 1 }, entities },
      input_channel: null,
      message_id: "m",
      metadata: {},
    },
  ];
  return {
    tracker: createTracker("room", initialSlotValues(domain), events),
    domain,
    channel: "rooms",
    now: () => 100,
    logger: silentLogger,
    nlg: {
      generate: (response, _t, _c, kwargs) =>
        Promise.resolve({
          event: "bot",
          timestamp: 100,
          text: `${response}${kwargs ? JSON.stringify(kwargs) : ""}`,
          data: {},
        }),
    },
  };
}

const run = (name: string, c: ActionContext) => actions.get(name)!.run(c);
const slotValues = (events: Event[]) =>
  Object.fromEntries(events.flatMap((e) => (e.event === "slot" ? [[e.name, e.value]] : [])));

describe("Trollbot actions in TypeScript", () => {
  it("action_set_genre_slot caches the artist record and names the artist", async () => {
    const events = await run("action_set_genre_slot", ctx({}, [{ entity: "artist", value: "Queen" }]));
    const slots = slotValues(events);
    expect(slots.genre).toBe("rock");
    expect(slots.artist).toBe("Queen");
    expect((slots.artists as Record<string, { gender: string; genre: string }>).Queen).toMatchObject({
      gender: "band",
      genre: "rock",
    });
  });

  it("action_set_genre_slot takes the documented fallback for unknown artists and missing entities", async () => {
    expect(slotValues(await run("action_set_genre_slot", ctx({}, [{ entity: "artist", value: "Nobody" }])))).toEqual({
      genre: null,
      artists: {},
      artist: "Nobody",
    });
    expect(slotValues(await run("action_set_genre_slot", ctx({})))).toEqual({ genre: null, artists: {}, artist: null });
  });

  it("records liked artists per speaker and detects two users liking the same one", async () => {
    const users = { u1: { name: "Ana", liked_artist: "Queen" }, u2: { name: "Ben" } };
    const set = await run(
      "action_set_artist_for_user",
      ctx({ users, last_message_sender: "u2", opinion: "good" }, [{ entity: "artist", value: "Queen" }]),
    );
    const updated = slotValues(set).users as Record<string, Record<string, unknown>>;
    expect(updated.u2).toEqual({ name: "Ben", liked_artist: "Queen" });
    expect(updated.u1).toEqual(users.u1);
    expect(slotValues(await run("action_check_if_same_liked_artist", ctx({ users: updated })))).toEqual({
      same_artist_liked: true,
    });
    expect(slotValues(await run("action_check_if_same_liked_artist", ctx({ users })))).toEqual({
      same_artist_liked: false,
    });
  });

  it("greets the speaker by the name in the users slot", async () => {
    const events = await run(
      "action_greet_user_by_name",
      ctx({ users: { u1: { name: "Ana" } }, last_message_sender: "u1" }),
    );
    expect(events.map((e) => (e.event === "bot" ? e.text : e.event))).toEqual([
      'utter_nice_to_meet_you_name{"name":"Ana"}',
    ]);
    const unknown = await run("action_greet_user_by_name", ctx({ last_message_sender: "u9" }));
    expect(unknown.map((e) => (e.event === "bot" ? e.text : e.event))).toEqual(["utter_opening"]);
  });

  it("the troll rejects claims, asks which artist when none is named, and deflects opinion questions", async () => {
    const named = await run("action_handle_claim_troll", ctx({}, [{ entity: "artist", value: "Queen" }]));
    expect(named.map((e) => (e.event === "bot" ? e.text : e.event))).toEqual(["utter_reject_claim"]);
    const unnamed = await run("action_handle_claim_troll", ctx({ opinion: "good" }));
    expect(unnamed.map((e) => (e.event === "bot" ? e.text : `${e.event}`))).toEqual([
      "utter_ask_clarification_of_artist",
      "slot",
    ]);
    const deflect = await run("action_deflect_opinion_question", ctx({ opinion: "bad" }));
    expect(deflect.map((e) => (e.event === "bot" ? e.text : e.event))).toEqual(["utter_insult_for_dislikes"]);
  });

  it("schedules the quiet-time reminder and ends conversations with a restart", async () => {
    const [reminder] = await run("action_delayed_positive_evaluation", ctx({}));
    expect(reminder).toMatchObject({
      event: "reminder",
      intent: "EXTERNAL_positive_evaluation_timer",
      name: "positive_evaluation_timer",
      kill_on_user_msg: true,
      date_time: new Date(105_000).toISOString(),
    });
    const end = await run("action_end_conversation", ctx({}));
    expect(end.map((e) => (e.event === "bot" ? e.text : e.event))).toEqual(["Conversation restarting.", "restart"]);
  });
});
