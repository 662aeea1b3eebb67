import { randomBytes } from "node:crypto";

// Crockford's base32, as ULID uses: sorts in the same order as the numbers it encodes.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;

function encodeTime(ms: number): string {
  let rest = Math.floor(ms);
  let out = "";
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(): string {
  // 16 bytes for 16 characters of 5 bits each: 80 random bits, as a ULID has.
  const bytes = randomBytes(RANDOM_CHARS);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}

/**
 * A ULID-shaped id: 10 characters of epoch milliseconds, then 80 random bits. Ids sort by time,
 * and two ids made in the same millisecond still differ, so no event can take another's key.
 */
export function sortableId(now: number = Date.now()): string {
  return encodeTime(now) + encodeRandom();
}
