/**
 * Name or nickname, then age. The XOR `name_nickname` branches to `insert_name` or `insert_nickname`;
 * both return (next_id null) to the XOR's next activity, `insert_age`.
 *
 * The default export reads plain keys (no NLU). `intentCallbacks` is the same flow for an NLU that
 * returns `{"intent": ..., <entity>: ...}` (MCC's framework/examples/rasa).
 */
import type { FlowCallbacks, FlowContext, FlowResponse } from "../../../src/flows/engine/types.js";
import type { Kb } from "../../../src/flows/definition/types.js";

const START_PAYLOAD = {
  show_name: false,
  show_age: false,
  show_choose_name: true,
  show_choose_nickname: true,
  show_field: false,
  field_contents: "",
};
const NAME_CHOSEN = { show_choose_name: false, show_choose_nickname: false, show_name: true };
const NICKNAME_CHOSEN = { show_choose_name: false, show_choose_nickname: false };
const ASK_AGE = { show_name: false, show_age: true };

/** Python's int(): optional sign, digits, surrounding whitespace; JSON integers are accepted as well. */
export function pythonInt(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (typeof value !== "string" || !/^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) return undefined;
  return Number.parseInt(value.replace(/_/g, "").trim(), 10);
}

/** Text for an utterance: strings as they are, other scalars like Python's str(), objects as JSON. */
function str(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function text(kb: Kb, key: string): string {
  return str(kb[key]);
}

function choose(which: unknown, kb: Kb): FlowResponse {
  if (which === "name") return { complete: true, choice: "insert_name", payload: NAME_CHOSEN };
  if (which === "nickname") return { complete: true, choice: "insert_nickname", payload: NICKNAME_CHOSEN };
  return { complete: false, utterance: text(kb, "wrong_choice") };
}

function store(key: "name" | "nickname", value: unknown, kb: Kb, ctx: FlowContext): FlowResponse {
  if (value === undefined || value === null || value === "") {
    return { complete: false, utterance: text(kb, `insert_${key}_err`) };
  }
  ctx[key] = value;
  return { complete: true, payload: ASK_AGE };
}

function age(value: unknown, kb: Kb, ctx: FlowContext): FlowResponse {
  const n = pythonInt(value);
  if (n === undefined || n >= Number(kb.insert_age_old))
    return { complete: false, utterance: text(kb, "insert_age_err") };
  ctx.age = value;
  const label = ctx.name !== undefined ? `Name, ${str(ctx.name)}` : `Nickname, ${str(ctx.nickname)}`;
  const summary = `${label} ${str(value)}`;
  return {
    complete: true,
    utterance: summary,
    payload: { show_age: false, show_field: true, field_contents: summary },
  };
}

const callbacks: FlowCallbacks = {
  start: () => ({ complete: true, payload: START_PAYLOAD }),
  name_nickname: (data, kb) => choose(data.name_nickname, kb),
  insert_name: (data, kb, ctx) => store("name", data.name, kb, ctx),
  insert_nickname: (data, kb, ctx) => store("nickname", data.nickname, kb, ctx),
  insert_age: (data, kb, ctx) => age(data.age, kb, ctx),
};

const INTENT_CHOICES: Record<string, string> = { choose_name: "name", choose_nickname: "nickname" };

/** The same flow driven by intents; the nickname is carried by the `name` entity, as in MCC's example. */
export const intentCallbacks: FlowCallbacks = {
  start: () => ({ complete: true, payload: START_PAYLOAD }),
  name_nickname: (data, kb) => choose(INTENT_CHOICES[String(data.intent)], kb),
  insert_name: (data, kb, ctx) =>
    store("name", data.intent === "choose_name_nickname" ? data.name : undefined, kb, ctx),
  insert_nickname: (data, kb, ctx) =>
    store("nickname", data.intent === "choose_name_nickname" ? data.name : undefined, kb, ctx),
  insert_age: (data, kb, ctx) => age(data.intent === "choose_age" ? data.age : undefined, kb, ctx),
};

export default callbacks;
