import { describe, expect, it } from "vitest";
import { EXPOSURE_EVENT_TYPE, eventRequestSchema } from "../src/contracts/events";

const event = (fields: Record<string, unknown>) => ({ user_id: "u", event_type: "view", ...fields });

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
  ])("refuses %s", (_, fields, field) => {
    const result = eventRequestSchema.safeParse(event(fields));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([field]);
  });
});
