import { describe, expect, it } from "vitest";
import { sortableId } from "../src/ids/sortable-id";

describe("sortableId", () => {
  it("is 26 characters of Crockford base32, which the event_id contract accepts", () => {
    expect(sortableId()).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{26}$/);
  });

  it("sorts by the time it was made", () => {
    const times = [1, 31, 32, 1_000, 1_700_000_000_000, 1_700_000_000_001, 2 ** 48 - 1];
    const ids = times.map((time) => sortableId(time));
    expect([...ids].sort()).toEqual(ids);
    expect(sortableId(1_700_000_000_000).slice(0, 10)).toBe(sortableId(1_700_000_000_000).slice(0, 10));
  });

  it("gives 10,000 ids made in one millisecond 10,000 different values", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => sortableId(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });
});
