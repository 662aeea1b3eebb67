import { ulid } from "ulid";

/**
 * A ULID: 10 characters of epoch milliseconds, then 80 random bits. Ids sort by time, and two ids
 * made in the same millisecond still differ, so no event can take another's key.
 */
export function sortableId(now: number = Date.now()): string {
  return ulid(Math.floor(now));
}
