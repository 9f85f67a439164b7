/**
 * Trollbot's custom actions that need no backend (see ../shared/fixtures/trollbot/BEHAVIOUR.md) in
 * TypeScript: the slot setters, the user/artist bookkeeping, the reminder and the simple replies.
 * `action_set_genre_slot` (which calls the Trollbot backend over HTTP) is not ported.
 */
import { defineAction, defineFormValidation, reminderScheduled, restarted, slotSet } from "../../../src/sdk/index.js";
import type { Tracker } from "../../../src/sdk/index.js";

interface UserRecord {
  name?: string | null;
  liked_artist?: string | null;
  disliked_artist?: string | null;
  active?: boolean;
  [key: string]: unknown;
}

type TrollSlots = {
  users: Record<string, UserRecord> | null;
  last_message_sender: string | null;
  opinion: string | null;
  artist: string | null;
  counter: number | null;
  number_of_users: number | null;
};

/** The first entity of the latest message ("entity0" in BEHAVIOUR.md). */
const entity0 = (tracker: Tracker): unknown => tracker.latestEntities[0]?.value ?? null;

const setter = (name: string, slot: string, value: unknown) =>
  defineAction({ name, run: () => [slotSet(slot, value)] });

export const slotSetters = [
  setter("action_set_task_slot", "task_activated", true),
  setter("action_set_decision_phase", "decision_phase", true),
  setter("action_set_opinion_slot_as_good", "opinion", "good"),
  setter("action_set_opinion_slot_as_bad", "opinion", "bad"),
];

export const actionPostDecision = defineAction({
  name: "action_post_decision",
  run: ({ tracker }) => [slotSet("final_decision", entity0(tracker))],
});

export const actionSetArtistForUser = defineAction<TrollSlots>({
  name: "action_set_artist_for_user",
  run: ({ tracker }) => {
    const artist = entity0(tracker);
    if (!artist) return [];
    const users = structuredClone(tracker.getSlot("users") ?? {});
    const sender = tracker.getSlot("last_message_sender") ?? "";
    const opinion = tracker.getSlot("opinion");
    const user = (users[sender] ??= {});
    if (opinion === "good") user.liked_artist = artist as string;
    if (opinion === "bad") user.disliked_artist = artist as string;
    return [slotSet("users", users)];
  },
});

export const actionCheckIfSameLikedArtist = defineAction<TrollSlots>({
  name: "action_check_if_same_liked_artist",
  run: ({ tracker }) => {
    let reference: unknown;
    let found = false;
    for (const user of Object.values(tracker.getSlot("users") ?? {})) {
      if (!("liked_artist" in user)) continue;
      if (!found) [reference, found] = [user.liked_artist, true];
      else if (user.liked_artist === reference) return [slotSet("same_artist_liked", true)];
    }
    return [slotSet("same_artist_liked", false)];
  },
});

export const actionCheckUsersActiveUserSlot = defineAction<TrollSlots>({
  name: "action_check_users_active_user_slot",
  run: ({ tracker }) => {
    const sender = tracker.getSlot("last_message_sender");
    const active = sender ? Boolean(tracker.getSlot("users")?.[sender]?.active) : false;
    return [slotSet("active_user", active)];
  },
});

export const actionIncrementCounter = defineAction<TrollSlots>({
  name: "action_increment_counter",
  run: ({ tracker }) => [slotSet("counter", (tracker.getSlot("counter") ?? 0) + 1)],
});

export const validateIntroductionForm = defineFormValidation<TrollSlots>("introduction_form", {
  validate: {
    introductions_finished(value, { tracker }) {
      const counter = (tracker.getSlot("counter") ?? 0) + 1;
      const rounds = (tracker.getSlot("number_of_users") ?? 0) - 1;
      if (counter === rounds) return { introductions_finished: value, counter: 0.0 };
      return { introductions_finished: null, counter };
    },
  },
});

/** Five seconds of silence after this action trigger `EXTERNAL_positive_evaluation_timer`. */
export const actionDelayedPositiveEvaluation = defineAction({
  name: "action_delayed_positive_evaluation",
  run: () => [
    reminderScheduled("EXTERNAL_positive_evaluation_timer", new Date(Date.now() + 5000), {
      name: "positive_evaluation_timer",
      killOnUserMessage: true,
    }),
  ],
});

export const actionTriggerPositiveEvaluation = defineAction({
  name: "action_trigger_positive_evaluation",
  run: ({ dispatcher }) => dispatcher.response("utter_artist_praise_agree"),
});

export const actionGreetUserByName = defineAction<TrollSlots>({
  name: "action_greet_user_by_name",
  run: ({ dispatcher, tracker }) => {
    const sender = tracker.getSlot("last_message_sender") ?? "";
    const name = tracker.getSlot("users")?.[sender]?.name ?? null;
    if (name === null) dispatcher.response("utter_opening");
    else dispatcher.response("utter_nice_to_meet_you_name", { name });
  },
});

export const actionDeflectOpinionQuestion = defineAction<TrollSlots>({
  name: "action_deflect_opinion_question",
  run: ({ dispatcher, tracker }) => {
    const opinion = tracker.getSlot("opinion");
    const response =
      opinion === "good" ? "utter_insult_for_likes" : opinion === "bad" ? "utter_insult_for_dislikes" : "utter_idk";
    dispatcher.response(response);
  },
});

export const actionHandleClaimTroll = defineAction({
  name: "action_handle_claim_troll",
  run: ({ dispatcher, tracker }) => {
    if (entity0(tracker) === null) {
      dispatcher.response("utter_ask_clarification_of_artist");
      return [slotSet("opinion", null)];
    }
    dispatcher.response("utter_reject_claim");
  },
});

export const actionEndConversation = defineAction({
  name: "action_end_conversation",
  run: ({ dispatcher }) => {
    dispatcher.text("Conversation restarting.");
    return [restarted()];
  },
});
