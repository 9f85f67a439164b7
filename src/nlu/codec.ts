/**
 * @module nlu/codec
 * Compact, exact encodings of typed arrays for the model JSON (base64 of little-endian bytes).
 */

export function encodeFloat32(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

export function decodeFloat32(encoded: string, expectedLength: number, what: string): Float32Array {
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.byteLength !== expectedLength * 4) {
    throw new Error(`NLU model: ${what} has ${bytes.byteLength / 4} values, expected ${expectedLength}`);
  }
  const out = new Float32Array(expectedLength);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function encodeUint32(values: Uint32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

export function decodeUint32(encoded: string, what: string): Uint32Array {
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.byteLength % 4 !== 0) throw new Error(`NLU model: ${what} is not a whole number of 32-bit values`);
  const out = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
