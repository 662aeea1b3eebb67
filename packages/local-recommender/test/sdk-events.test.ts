import {
  InvalidInputException,
  PersonalizeEventsClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  ResourceNotFoundException,
} from "@aws-sdk/client-personalize-events";
import { GetRecommendationsCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { generateSampleData } from "@personalize-ab/sample-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_TRACKING_ID, localCampaignArn } from "../src/campaigns";
import { type RunningRecommenderServer, startRecommenderServer } from "../src/http/recommender-server";
import { LocalRecommender } from "../src/model/local-recommender";
import { dummyCredentials } from "./trained-sample-recommender";

describe("the Personalize events API, through the AWS SDK v3 client", () => {
  // A recommender of its own: these tests change user histories.
  const data = generateSampleData();
  const recommender = LocalRecommender.train(data.interactions);
  let server: RunningRecommenderServer;
  let events: PersonalizeEventsClient;
  let runtime: PersonalizeRuntimeClient;

  beforeAll(async () => {
    server = await startRecommenderServer(recommender);
    const config = {
      endpoint: server.endpoint,
      region: "us-east-1",
      credentials: dummyCredentials,
      maxAttempts: 1,
    };
    events = new PersonalizeEventsClient(config);
    runtime = new PersonalizeRuntimeClient(config);
  });
  afterAll(async () => {
    events.destroy();
    runtime.destroy();
    await server.stop();
  });

  const recommend = async (userId: string) =>
    (
      await runtime.send(
        new GetRecommendationsCommand({
          campaignArn: localCampaignArn("aws-user-personalization"),
          userId,
          numResults: 10,
        }),
      )
    ).itemList?.map((item) => item.itemId);

  it("updates user-personalization online: the next answer follows the user's new events", async () => {
    const userId = "user_new_online";
    const before = await recommend(userId);
    const cold = recommender.recommend("popularity", { numResults: 10 }).map((item) => item.itemId);
    expect(before).toEqual(cold);

    const response = await events.send(
      new PutEventsCommand({
        trackingId: LOCAL_TRACKING_ID,
        userId,
        sessionId: "session_123",
        eventList: [
          { eventType: "view", itemId: "item_00010", sentAt: new Date("2026-01-02T00:00:00Z") },
          {
            eventType: "purchase",
            itemId: "item_00011",
            sentAt: new Date("2026-01-02T00:01:00Z"),
            eventValue: 1,
          },
        ],
      }),
    );
    expect(response.$metadata.httpStatusCode).toBe(200);

    const after = await recommend(userId);
    expect(after).not.toEqual(before);
    expect(after).not.toContain("item_00010");
    expect(after).not.toContain("item_00011");
    expect(recommender.lastItemOf(userId)).toBe("item_00011");
    // The new answer comes from the neighbours of what the user just did.
    const neighbours = new Set(
      ["item_00010", "item_00011"].flatMap((itemId) =>
        recommender.recommend("similar-items", { itemId, numResults: 100 }).map((item) => item.itemId),
      ),
    );
    expect(after?.every((itemId) => neighbours.has(itemId!))).toBe(true);
  });

  it("takes an event's sentAt as its time, so a late event does not become the latest", async () => {
    const userId = "user_late_event";
    const send = (itemId: string, sentAt: string) =>
      events.send(
        new PutEventsCommand({
          trackingId: LOCAL_TRACKING_ID,
          userId,
          sessionId: "s",
          eventList: [{ eventType: "view", itemId, sentAt: new Date(sentAt) }],
        }),
      );
    await send("item_00020", "2026-01-03T00:00:00Z");
    await send("item_00021", "2026-01-01T00:00:00Z");
    expect(recommender.lastItemOf(userId)).toBe("item_00020");
  });

  const put = (input: Partial<PutEventsCommandInput>) =>
    events
      .send(
        new PutEventsCommand({
          trackingId: LOCAL_TRACKING_ID,
          sessionId: "s",
          eventList: [{ eventType: "view", itemId: "item_00001", sentAt: new Date() }],
          ...input,
        } as PutEventsCommandInput),
      )
      .then(
        () => {
          throw new Error("expected PutEvents to fail");
        },
        (error: unknown) => error as Error,
      );

  it("raises ResourceNotFoundException for an unknown tracking id", async () => {
    const error = await put({ trackingId: "not-a-tracker" });
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe("No event tracker has the tracking id not-a-tracker.");
  });

  it.each([
    ["no events", { eventList: [] }, "eventList: must have 1 to 10 events"],
    [
      "eleven events",
      { eventList: Array.from({ length: 11 }, () => ({ eventType: "view", sentAt: new Date() })) },
      "eventList: must have 1 to 10 events",
    ],
    [
      "properties that are not a JSON object",
      { eventList: [{ eventType: "view", sentAt: new Date(), properties: "[1]" }] },
      "eventList.0.properties: must be a JSON object",
    ],
    [
      "a recommendationId over 40 characters",
      { eventList: [{ eventType: "view", sentAt: new Date(), recommendationId: "r".repeat(41) }] },
      "eventList.0.recommendationId: must be at most 40 characters",
    ],
    ["an empty sessionId", { sessionId: "" }, "sessionId: must not be empty"],
  ])("raises InvalidInputException for %s", async (_, input, message) => {
    const error = await put(input as Partial<PutEventsCommandInput>);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(message);
  });

  it("leaves histories untouched when a request is refused", async () => {
    const userId = "user_refused";
    await put({ userId, trackingId: "nope" });
    await put({
      userId,
      eventList: [{ eventType: "view", itemId: "item_1", sentAt: new Date(), properties: "x" }],
    });
    expect(recommender.lastItemOf(userId)).toBeUndefined();
  });
});
