/**
 * @module config/responses
 * `responses:` sections (domain files and data files, `rasa-protocol.md` §6.4) → `ResponseVariation[]` per name.
 */
import type { Button } from "../model/messages.js";
import type { ResponseCondition, ResponseVariation } from "../model/domain.js";
import { warnUnknownKeys } from "./yaml-source.js";
import type { Cursor } from "./yaml-source.js";

const VARIATION_KEYS = [
  "text",
  "buttons",
  "quick_replies",
  "button_type",
  "image",
  "custom",
  "attachment",
  "elements",
  "condition",
  "channel",
  "id",
  "metadata",
];

/** Parses a `responses:` mapping. Throws on shapes Rasa's schema rejects; warns on unknown variation keys. */
export function parseResponses(section: Cursor, warnings: string[]): Record<string, ResponseVariation[]> {
  const out: Record<string, ResponseVariation[]> = {};
  section.expectMap("responses", true);
  for (const { key, value } of section.entries()) {
    value.expectSeq(`response '${key}'`);
    out[key] = value.items().map((v) => parseVariation(v, key, warnings));
  }
  return out;
}

function parseVariation(v: Cursor, name: string, warnings: string[]): ResponseVariation {
  v.expectMap(`a variation of response '${name}'`);
  warnUnknownKeys(v, VARIATION_KEYS, `response '${name}'`, warnings);
  const raw = v.js() as Record<string, unknown>;
  // Rasa's schema hook `require_response_keys`: every variation needs a non-null text or a custom payload.
  if ((raw.text === undefined || raw.text === null) && !raw.custom) {
    throw v.error(`response '${name}' has a variation without 'text' or 'custom'`);
  }
  const out: ResponseVariation = {};
  const text = v.get("text");
  if (text && !text.isNull()) out.text = text.text("response text");
  for (const key of ["buttons", "quick_replies"] as const) {
    const c = v.get(key);
    if (c && !c.isNull()) out[key] = buttons(c);
  }
  const image = v.get("image");
  if (image && !image.isNull()) out.image = image.text("image");
  if (raw.custom !== undefined && raw.custom !== null) out.custom = raw.custom;
  if (raw.attachment !== undefined && raw.attachment !== null) out.attachment = raw.attachment;
  const elements = v.get("elements");
  if (elements && !elements.isNull()) out.elements = elements.expectSeq("elements").js() as unknown[];
  const condition = v.get("condition");
  if (condition && !condition.isNull()) out.condition = conditions(condition);
  const channel = v.get("channel");
  if (channel && !channel.isNull()) out.channel = channel.text("channel");
  const id = v.get("id");
  if (id && !id.isNull()) out.id = id.text("response id");
  const metadata = v.get("metadata");
  if (metadata && !metadata.isNull()) out.metadata = metadata.expectMap("metadata").js() as Record<string, unknown>;
  if (raw.button_type !== undefined) (out as Record<string, unknown>).button_type = raw.button_type;
  return out;
}

function buttons(c: Cursor): Button[] {
  c.expectSeq("buttons");
  return c.items().map((b) => {
    b.expectMap("a button");
    const value = b.js() as Record<string, unknown>;
    const title = b.get("title");
    const payload = b.get("payload");
    return {
      ...value,
      title: title && !title.isNull() ? title.text("button title") : "",
      payload: payload && !payload.isNull() ? payload.text("button payload") : "",
    };
  });
}

function conditions(c: Cursor): ResponseCondition[] {
  c.expectSeq("condition");
  return c.items().map((item) => {
    item.expectMap("a response condition");
    const type = item.get("type");
    const t = type && !type.isNull() ? type.str("condition type") : "slot";
    if (t !== "slot") throw (type ?? item).error(`unsupported response condition type '${t}' (only 'slot')`);
    const name = item.get("name");
    if (!name) throw item.error("response condition has no 'name'");
    return { type: "slot", name: name.str("condition slot name"), value: item.get("value")?.js() ?? null };
  });
}
