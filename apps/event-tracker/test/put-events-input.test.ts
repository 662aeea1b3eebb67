import { PersonalizeEventsClient, PutEventsCommand } from "@aws-sdk/client-personalize-events";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTracking, TRACKING_ID, type Tracking } from "./tracking-fixture";

// Personalize answered by a client mock; DynamoDB Local serves the rest.
const events = mockClient(PersonalizeEventsClient);
let tracking: Tracking;

beforeAll(async () => {
  tracking = await startTracking();
});
afterAll(async () => {
  events.restore();
  await tracking.personalize.stop();
});
beforeEach(() => {
  events.reset();
  events.on(PutEventsCommand).resolves({});
});

const inputs = () => events.commandCalls(PutEventsCommand).map((call) => call.args[0].input);

describe("the PutEvents request", () => {
  it("carries every field of the event", async () => {
    await tracking.post({
      user_id: "u-full",
      event_type: "purchase",
      item_id: "item_00042",
      session_id: "session_9",
      recommendation_id: "RID-123",
      event_value: 49.99,
      properties: { discount: "yes", quantity: 2 },
      event_id: "evt-full",
      timestamp: 1_764_072_000,
    });
    expect(inputs()).toEqual([
      {
        trackingId: TRACKING_ID,
        userId: "u-full",
        sessionId: "session_9",
        eventList: [
          {
            eventId: "evt-full",
            eventType: "purchase",
            itemId: "item_00042",
            sentAt: new Date(1_764_072_000_000),
            recommendationId: "RID-123",
            properties: '{"discount":"yes","quantity":2}',
            eventValue: 49.99,
          },
        ],
      },
    ]);
  });

  it("uses the user id as session and the receipt time as sentAt when the client sends neither", async () => {
    const before = Date.now();
    const answer = await tracking.post({ user_id: "u-min", event_type: "view", item_id: "item_00001" });
    const [input] = inputs();
    expect(input).toEqual({
      trackingId: TRACKING_ID,
      userId: "u-min",
      sessionId: "u-min",
      eventList: [
        { eventId: answer.body.event_id, eventType: "view", itemId: "item_00001", sentAt: expect.any(Date) },
      ],
    });
    const sentAt = input?.eventList?.[0]?.sentAt?.getTime() ?? 0;
    expect(sentAt).toBeGreaterThanOrEqual(before);
    expect(sentAt).toBeLessThanOrEqual(Date.now());
  });
});
