import { describe, expect, it } from "vitest";
import {
  EARLIEST_EVENT_TIMESTAMP_SECONDS,
  EXPOSURE_EVENT_TYPE,
  eventRequestSchema,
  MAX_PROPERTIES_DEPTH,
} from "../src/contracts/events";
import { nestsDeeperThan } from "../src/contracts/json-depth";

const event = (fields: Record<string, unknown>) => ({ user_id: "u", event_type: "view", ...fields });

/** `{a: {a: ... {a: 1}}}` with `levels` objects inside the outer one. */
function deeplyNested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { a: 1 };
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe("eventRequestSchema", () => {
  it("accepts the recipe's payloads as they are", () => {
    expect(
      eventRequestSchema.safeParse({ user_id: "user_00001", event_type: "purchase", item_id: "item_00001" })
        .success,
    ).toBe(true);
    expect(eventRequestSchema.safeParse(event({ session_id: "session_123", event_value: 0.5 })).success).toBe(
      true,
    );
  });

  it.each([
    [
      "the exposure type, which only /recommendations writes",
      { event_type: EXPOSURE_EVENT_TYPE },
      "event_type",
    ],
    ["an event_value DynamoDB cannot store (too large)", { event_value: 2 ** 60 }, "event_value"],
    ["an event_value DynamoDB cannot store (too small)", { event_value: 5e-324 }, "event_value"],
    [
      "a recommendation_id over Personalize's 40 characters",
      { recommendation_id: "r".repeat(41) },
      "recommendation_id",
    ],
    ["a timestamp in milliseconds", { timestamp: Date.now() }, "timestamp"],
    ["a timestamp of 1970", { timestamp: 86_400 }, "timestamp"],
    ["a timestamp just before 2000", { timestamp: EARLIEST_EVENT_TIMESTAMP_SECONDS - 1 }, "timestamp"],
    ["a timestamp of the year 5138", { timestamp: 99_999_999_999 }, "timestamp"],
    ["a timestamp 25 hours ahead", { timestamp: Date.now() / 1000 + 25 * 3600 }, "timestamp"],
    ["the exposure type in another case", { event_type: "Recommendation_Served" }, "event_type"],
    ["the exposure type with spaces", { event_type: " recommendation_served\t" }, "event_type"],
    [
      "the exposure type in full-width letters",
      { event_type: "ｒｅｃｏｍｍｅｎｄａｔｉｏｎ_served" },
      "event_type",
    ],
    ["a NUL in user_id", { user_id: "a\u0000b" }, "user_id"],
    ["a C1 control in item_id", { item_id: "a\u0085b" }, "item_id"],
    ["a DEL in session_id", { session_id: "a\u007fb" }, "session_id"],
    ["a newline in recommendation_id", { recommendation_id: "r\n1" }, "recommendation_id"],
    ["properties nested 5,000 deep", { properties: deeplyNested(5000) }, "properties"],
    ["properties nested 9 deep", { properties: deeplyNested(8) }, "properties"],
  ])("refuses %s", (_, fields, field) => {
    const result = eventRequestSchema.safeParse(event(fields));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([field]);
  });

  it.each([
    ["the earliest timestamp", { timestamp: EARLIEST_EVENT_TIMESTAMP_SECONDS }],
    ["a timestamp 23 hours ahead", { timestamp: Date.now() / 1000 + 23 * 3600 }],
    ["an event type that only contains the reserved one", { event_type: "recommendation_served_click" }],
    ["properties nested to the limit", { properties: deeplyNested(MAX_PROPERTIES_DEPTH - 1) }],
    ["non-ASCII ids", { user_id: "usuário", item_id: "品目" }],
  ])("accepts %s", (_, fields) => {
    expect(eventRequestSchema.safeParse(event(fields)).success).toBe(true);
  });
});

describe("nestsDeeperThan", () => {
  it("counts levels without recursion, so 100,000 levels are measured, not overflowed", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 16)).toBe(true);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
    expect(nestsDeeperThan("text", 0)).toBe(false);
  });
});
