/**
 * @module nlg/nlg-response
 * Validates an NLG server's answer as Rasa's `nlg_response_format_spec` does (`rasa-protocol.md`
 * §5.1): `text` string, `buttons`/`elements` list of objects or null, `attachment` object or null,
 * `image` string or null, `custom` object. Other keys pass through (they become event metadata).
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const CHECKS: Record<string, (v: unknown) => boolean> = {
  text: (v) => typeof v === "string",
  buttons: (v) => v === null || (Array.isArray(v) && v.every(isObject)),
  elements: (v) => v === null || (Array.isArray(v) && v.every(isObject)),
  attachment: (v) => v === null || isObject(v),
  image: (v) => v === null || typeof v === "string",
  custom: isObject,
};

const EXPECTED: Record<string, string> = {
  text: "a string",
  buttons: "a list of objects or null",
  elements: "a list of objects or null",
  attachment: "an object or null",
  image: "a string or null",
  custom: "an object",
};

/** `null` for "send nothing" (empty body or JSON null), the message otherwise; throws with the reason. */
export function validateNlgResponse(value: unknown): Record<string, unknown> | null {
  if (value === null || value === "") return null;
  if (!isObject(value)) throw new Error("the answer is not a JSON object");
  for (const [key, check] of Object.entries(CHECKS)) {
    if (key in value && !check(value[key])) throw new Error(`'${key}' must be ${EXPECTED[key]}`);
  }
  return value;
}
