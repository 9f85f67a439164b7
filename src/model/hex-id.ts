/**
 * @module model/hex-id
 * Ids in the form of Python's `uuid.uuid4().hex` (32 lowercase hex digits, version 4), which Rasa uses for message and
 * session ids. `randomUUID().replace(/-/g, "")` gives the same text, but as a chain of five joined pieces that V8
 * keeps as such: a stored `user` event then holds about 250 bytes of id instead of 48 (twice, in `message_id` and
 * `parse_data.message_id`). `Buffer#toString("hex")` builds one flat string.
 */
import { randomFillSync } from "node:crypto";

const IDS_PER_REFILL = 256;
const pool = Buffer.alloc(16 * IDS_PER_REFILL);
let next = IDS_PER_REFILL;

export function newHexId(): string {
  if (next === IDS_PER_REFILL) {
    randomFillSync(pool);
    next = 0;
  }
  const at = 16 * next++;
  // RFC 4122 version 4: the version nibble is 4 and the variant bits are 10.
  pool[at + 6] = (pool[at + 6]! & 0x0f) | 0x40;
  pool[at + 8] = (pool[at + 8]! & 0x3f) | 0x80;
  return pool.toString("hex", at, at + 16);
}
