/**
 * @module model/hex-id
 * Ids in the form of Python's `uuid.uuid4().hex` (32 lowercase hex digits, version 4), which Rasa uses for message and
 * session ids. `randomUUID().replace(/-/g, "")` gives the same text, but as a chain of five joined pieces that V8
 * keeps as such: a stored `user` event then holds about 250 bytes of id instead of 48 (twice, in `message_id` and
 * `parse_data.message_id`). `String.fromCharCode` with all 32 digits at once builds one flat string.
 */
const IDS_PER_REFILL = 256;
const pool = new Uint8Array(16 * IDS_PER_REFILL);
let next = IDS_PER_REFILL;
const digits = new Array<number>(32);
const HEX = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));

export function newHexId(): string {
  if (next === IDS_PER_REFILL) {
    globalThis.crypto.getRandomValues(pool);
    next = 0;
  }
  const at = 16 * next++;
  for (let i = 0; i < 16; i++) {
    let byte = pool[at + i]!;
    // RFC 4122 version 4: the version nibble is 4 and the variant bits are 10.
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    digits[2 * i] = HEX[byte >> 4]!;
    digits[2 * i + 1] = HEX[byte & 15]!;
  }
  return String.fromCharCode(...digits);
}
