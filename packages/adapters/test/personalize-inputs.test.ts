import { PersonalizeEventsClient, PutEventsCommand } from "@aws-sdk/client-personalize-events";
import { GetRecommendationsCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { EventForwarder } from "../src/personalize/event-forwarder";
import { PersonalizeRecommender } from "../src/personalize/recommender";

const runtime = mockClient(PersonalizeRuntimeClient);
const events = mockClient(PersonalizeEventsClient);

beforeEach(() => {
  runtime.reset();
  events.reset();
});

describe("PersonalizeRecommender", () => {
  const recommender = new PersonalizeRecommender(new PersonalizeRuntimeClient({ region: "us-east-1" }));

  it("asks the campaign for numResults items of the user, with context and the SIMS item", async () => {
    runtime.on(GetRecommendationsCommand).resolves({
      recommendationId: "RID-1",
      itemList: [{ itemId: "i2", score: 0.7 }, { itemId: "i1", reason: ["Exploration"] }, { score: 0.1 }],
    });
    const signal = new AbortController().signal;
    const result = await recommender.recommend(
      {
        campaignArn: "arn:aws:personalize:us-east-1:1:campaign/sims",
        userId: "u1",
        itemId: "i9",
        numResults: 7,
        context: { DEVICE: "mobile" },
      },
      signal,
    );
    const [call] = runtime.commandCalls(GetRecommendationsCommand);
    expect(call?.args[0].input).toEqual({
      campaignArn: "arn:aws:personalize:us-east-1:1:campaign/sims",
      userId: "u1",
      itemId: "i9",
      numResults: 7,
      context: { DEVICE: "mobile" },
    });
    expect(result).toEqual({
      recommendationId: "RID-1",
      items: [
        { itemId: "i2", score: 0.7, reasons: [] },
        { itemId: "i1", score: null, reasons: ["Exploration"] },
      ],
    });
  });

  it("names the filter and passes its values as given", async () => {
    runtime.on(GetRecommendationsCommand).resolves({ itemList: [] });
    await recommender.recommend(
      {
        campaignArn: "arn:aws:personalize:us-east-1:1:campaign/a",
        userId: "u1",
        numResults: 3,
        filter: { arn: "arn:aws:personalize:us-east-1:1:filter/category", values: { CATEGORY: '"books"' } },
      },
      new AbortController().signal,
    );
    expect(runtime.commandCalls(GetRecommendationsCommand)[0]?.args[0].input).toEqual({
      campaignArn: "arn:aws:personalize:us-east-1:1:campaign/a",
      userId: "u1",
      numResults: 3,
      filterArn: "arn:aws:personalize:us-east-1:1:filter/category",
      filterValues: { CATEGORY: '"books"' },
    });
  });

  it("sends no itemId, no empty context and no filter values when there are none", async () => {
    runtime.on(GetRecommendationsCommand).resolves({ itemList: [] });
    await recommender.recommend(
      {
        campaignArn: "arn:aws:personalize:us-east-1:1:campaign/a",
        userId: "u1",
        numResults: 10,
        context: {},
        filter: { arn: "arn:aws:personalize:us-east-1:1:filter/exclude-purchased", values: {} },
      },
      new AbortController().signal,
    );
    expect(runtime.commandCalls(GetRecommendationsCommand)[0]?.args[0].input).toEqual({
      campaignArn: "arn:aws:personalize:us-east-1:1:campaign/a",
      userId: "u1",
      numResults: 10,
      filterArn: "arn:aws:personalize:us-east-1:1:filter/exclude-purchased",
    });
  });
});

describe("EventForwarder", () => {
  const forwarder = new EventForwarder(new PersonalizeEventsClient({ region: "us-east-1" }));

  it("sends every field of the stored event to the tracker", async () => {
    events.on(PutEventsCommand).resolves({});
    await forwarder.forward("track-1", {
      userId: "u1",
      eventId: "evt-1",
      eventType: "purchase",
      timestampMs: 1_764_072_000_250,
      receivedAtMs: 1_764_072_001_000,
      sessionId: "s1",
      itemId: "i1",
      recommendationId: "RID-1",
      eventValue: 19.5,
      properties: '{"discount":"yes"}',
      testName: "default_recommendation_test",
      variant: "variant_a",
    });
    expect(events.commandCalls(PutEventsCommand)[0]?.args[0].input).toEqual({
      trackingId: "track-1",
      userId: "u1",
      sessionId: "s1",
      eventList: [
        {
          eventId: "evt-1",
          eventType: "purchase",
          sentAt: new Date(1_764_072_000_250),
          itemId: "i1",
          recommendationId: "RID-1",
          properties: '{"discount":"yes"}',
          eventValue: 19.5,
        },
      ],
    });
  });

  it("leaves out the optional fields the event does not have", async () => {
    events.on(PutEventsCommand).resolves({});
    await forwarder.forward("track-1", {
      userId: "u1",
      eventId: "evt-2",
      eventType: "view",
      timestampMs: 1_000,
      receivedAtMs: 1_000,
      sessionId: "u1",
    });
    expect(events.commandCalls(PutEventsCommand)[0]?.args[0].input).toEqual({
      trackingId: "track-1",
      userId: "u1",
      sessionId: "u1",
      eventList: [{ eventId: "evt-2", eventType: "view", sentAt: new Date(1_000) }],
    });
  });
});
