/**
 * @module rooms/actions/trollbot-actions
 * Trollbot's custom actions (`backend/rasa/actions/actions.py`, see the fixture's BEHAVIOUR.md),
 * written in TypeScript and run in-process through the action registry's custom-action factory.
 * Where the original crashes on a message without entities, these take the documented fallback.
 */
import type { Action, ActionContext } from "../../actions/action.js";
import { utter } from "../../actions/action.js";
import { createBotUtterance } from "../../actions/responses/render.js";
import type { CustomActionFactory } from "../../actions/registry.js";
import { missingActionServer } from "../../actions/registry.js";
import type { Event } from "../../model/index.js";
import { entity0, lastSender, setSlot, slot, usersSlot } from "./context.js";
import type { RoomUsers } from "./context.js";
import { setGenreSlotAction } from "./genre-action.js";
import type { ArtistApi } from "./genre-action.js";

export interface TrollbotActionOptions {
  artists: ArtistApi;
  /** Delay of the nice bot's "praise if nobody answers" reminder (Trollbot: 5 s). */
  quietSeconds: number;
}

type Run = (ctx: ActionContext) => Promise<Event[]>;

const setter =
  (name: string, value: unknown): Run =>
  (ctx) =>
    Promise.resolve([setSlot(ctx, name, value)]);

const greetUserByName: Run = async (ctx) => {
  const sender = lastSender(ctx);
  const name = sender ? usersSlot(ctx)[sender]?.name : null;
  if (name === null || name === undefined) return utter(ctx, "utter_opening");
  return utter(ctx, "utter_nice_to_meet_you_name", { name });
};

const setArtistForUser: Run = (ctx) => {
  const artist = entity0(ctx);
  if (!artist) return Promise.resolve([]);
  const sender = lastSender(ctx);
  const users: RoomUsers = { ...usersSlot(ctx) };
  const opinion = slot(ctx, "opinion");
  if (sender !== null) {
    const user = { ...(users[sender] ?? {}) };
    if (opinion === "good") user.liked_artist = artist;
    if (opinion === "bad") user.disliked_artist = artist;
    users[sender] = user;
  }
  return Promise.resolve([setSlot(ctx, "users", users)]);
};

const checkSameLikedArtist: Run = (ctx) => {
  let reference: unknown;
  let found = false;
  let same = false;
  for (const user of Object.values(usersSlot(ctx))) {
    if (!("liked_artist" in user)) continue;
    if (!found) {
      found = true;
      reference = user.liked_artist;
    } else if (user.liked_artist === reference) {
      same = true;
    }
  }
  return Promise.resolve([setSlot(ctx, "same_artist_liked", same)]);
};

const deflectOpinionQuestion: Run = (ctx) => {
  const opinion = slot(ctx, "opinion");
  if (opinion === "good") return utter(ctx, "utter_insult_for_likes");
  if (opinion === "bad") return utter(ctx, "utter_insult_for_dislikes");
  return utter(ctx, "utter_idk");
};

const handleClaimTroll: Run = async (ctx) => {
  if (entity0(ctx) === null) {
    return [...(await utter(ctx, "utter_ask_clarification_of_artist")), setSlot(ctx, "opinion", null)];
  }
  return utter(ctx, "utter_reject_claim");
};

const handleClaimNice: Run = async (ctx) => {
  if (slot(ctx, "artist") === null) {
    return [...(await utter(ctx, "utter_ask_clarification_of_artist")), setSlot(ctx, "opinion", null)];
  }
  if (slot(ctx, "opinion") === "good") return utter(ctx, "utter_artist_praise_agree");
  return utter(ctx, "utter_neutral_comment");
};

const checkActiveUser: Run = (ctx) => {
  const sender = lastSender(ctx);
  const active = sender ? usersSlot(ctx)[sender]?.active === true : false;
  return Promise.resolve([setSlot(ctx, "active_user", active)]);
};

const dismissArtist: Run = (ctx) => {
  const sender = lastSender(ctx);
  const other = Object.entries(usersSlot(ctx)).find(([id, u]) => id !== sender && u.liked_artist != null);
  if (other) return utter(ctx, "utter_artist_dismissal_multiuser", { name: other[1].name });
  return utter(ctx, "utter_artist_dismissal");
};

const greetUsers: Run = async (ctx) => [
  ...(await utter(ctx, "utter_introduction")),
  { event: "rewind", timestamp: ctx.now() },
];

const endConversation: Run = (ctx) =>
  Promise.resolve([
    createBotUtterance({ text: "Conversation restarting." }, ctx.now()),
    { event: "restart", timestamp: ctx.now() },
  ]);

function delayedPositiveEvaluation(quietSeconds: number): Run {
  return (ctx) =>
    Promise.resolve([
      {
        event: "reminder",
        timestamp: ctx.now(),
        intent: "EXTERNAL_positive_evaluation_timer",
        entities: null,
        date_time: new Date((ctx.now() + quietSeconds) * 1000).toISOString(),
        name: "positive_evaluation_timer",
        kill_on_user_msg: true,
      },
    ]);
}

export function trollbotActions(options: TrollbotActionOptions): Map<string, Action> {
  const runs: Record<string, Run> = {
    action_set_task_slot: setter("task_activated", true),
    action_set_decision_phase: setter("decision_phase", true),
    action_set_opinion_slot_as_good: setter("opinion", "good"),
    action_set_opinion_slot_as_bad: setter("opinion", "bad"),
    action_greet_user_by_name: greetUserByName,
    action_set_artist_for_user: setArtistForUser,
    action_check_if_same_liked_artist: checkSameLikedArtist,
    action_delayed_positive_evaluation: delayedPositiveEvaluation(options.quietSeconds),
    action_trigger_positive_evaluation: (ctx) => utter(ctx, "utter_artist_praise_agree"),
    action_deflect_opinion_question: deflectOpinionQuestion,
    action_handle_claim_troll: handleClaimTroll,
    action_handle_claim_nice: handleClaimNice,
    action_post_decision: (ctx) => Promise.resolve([setSlot(ctx, "final_decision", entity0(ctx))]),
    action_end_conversation: endConversation,
    action_greet_users: greetUsers,
    action_check_users_active_user_slot: checkActiveUser,
    action_dismiss_artist: dismissArtist,
  };
  const actions = new Map<string, Action>(Object.entries(runs).map(([name, run]) => [name, { name, run }]));
  actions.set("action_set_genre_slot", setGenreSlotAction(options.artists));
  return actions;
}

/** Custom-action factory for the registry; unknown names fail like a missing action server. */
export function trollbotActionFactory(options: TrollbotActionOptions): CustomActionFactory {
  const actions = trollbotActions(options);
  return (name) => actions.get(name) ?? missingActionServer(name);
}
