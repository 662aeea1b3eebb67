import {
  GetPersonalizedRankingCommand,
  type GetPersonalizedRankingCommandInput,
  GetRecommendationsCommand,
  type GetRecommendationsCommandInput,
  InvalidInputException,
  type PersonalizeRuntimeClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-personalize-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCampaignArn } from "../src/campaigns";
import { type RunningRecommenderServer, startRecommenderServer } from "../src/http/recommender-server";
import { runtimeClientFor, sampleData, sampleRecommender } from "./trained-sample-recommender";

const catalog = new Set(sampleData.items.map((item) => item.itemId));
const historyOf = (userId: string) =>
  new Set(sampleData.interactions.filter((event) => event.userId === userId).map((event) => event.itemId));

describe("the Personalize runtime API, through the AWS SDK v3 client", () => {
  let server: RunningRecommenderServer;
  let client: PersonalizeRuntimeClient;

  beforeAll(async () => {
    server = await startRecommenderServer(sampleRecommender);
    client = runtimeClientFor(server.endpoint);
  });
  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  it("answers user-personalization with catalog items, best first, none the user already had", async () => {
    const response = await client.send(
      new GetRecommendationsCommand({
        campaignArn: localCampaignArn("aws-user-personalization"),
        userId: "user_00001",
        numResults: 10,
      }),
    );
    expect(response.$metadata.httpStatusCode).toBe(200);
    expect(response.recommendationId).toMatch(/^RID-[0-9a-f-]{36}$/);
    const items = response.itemList ?? [];
    expect(items).toHaveLength(10);
    expect(items.every((item) => catalog.has(item.itemId!) && typeof item.score === "number")).toBe(true);
    const scores = items.map((item) => item.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const history = historyOf("user_00001");
    expect(items.filter((item) => history.has(item.itemId!))).toEqual([]);
  });

  it("returns 25 items when numResults is not given, as Personalize does", async () => {
    const response = await client.send(
      new GetRecommendationsCommand({
        campaignArn: localCampaignArn("aws-popularity-count"),
        userId: "user_00002",
      }),
    );
    expect(response.itemList).toHaveLength(25);
  });

  it("answers SIMS with items related to the given one, never the item itself", async () => {
    const response = await client.send(
      new GetRecommendationsCommand({
        campaignArn: localCampaignArn("aws-sims"),
        itemId: "item_00010",
        numResults: 5,
      }),
    );
    const ids = (response.itemList ?? []).map((item) => item.itemId);
    expect(ids).toHaveLength(5);
    expect(ids).not.toContain("item_00010");
    expect(ids).toEqual(
      sampleRecommender
        .recommend("similar-items", { itemId: "item_00010", numResults: 5 })
        .map((i) => i.itemId),
    );
  });

  it("answers popularity-count with the same most-interacted items for every user", async () => {
    const ask = (userId: string) =>
      client.send(
        new GetRecommendationsCommand({
          campaignArn: localCampaignArn("aws-popularity-count"),
          userId,
          numResults: 3,
        }),
      );
    const [first, second] = await Promise.all([ask("user_00003"), ask("someone-new")]);
    expect(first.itemList).toEqual(second.itemList);
    const counts = new Map<string, number>();
    for (const event of sampleData.interactions)
      counts.set(event.itemId, (counts.get(event.itemId) ?? 0) + 1);
    const top = Math.max(...counts.values());
    expect(counts.get(first.itemList![0]!.itemId!)).toBe(top);
  });

  it("ranks an input list for a user: the same items, reordered", async () => {
    const inputList = ["item_00001", "item_00002", "item_00003", "item_00004", "unknown-item"];
    const response = await client.send(
      new GetPersonalizedRankingCommand({
        campaignArn: localCampaignArn("aws-user-personalization"),
        userId: "user_00001",
        inputList,
      }),
    );
    const ranked = (response.personalizedRanking ?? []).map((item) => item.itemId);
    expect([...ranked].sort()).toEqual([...inputList].sort());
    expect(ranked.at(-1)).toBe("unknown-item");
    expect(response.recommendationId).toMatch(/^RID-/);
  });

  describe("errors raise the exception classes the SDK models", () => {
    const failure = (input: GetRecommendationsCommandInput) =>
      client.send(new GetRecommendationsCommand(input)).then(
        () => {
          throw new Error("expected the request to fail");
        },
        (error: unknown) => error as Error & { $metadata: { httpStatusCode?: number } },
      );

    it("ResourceNotFoundException (404) for an unknown campaign", async () => {
      const error = await failure({
        campaignArn: "arn:aws:personalize:us-east-1:000000000000:campaign/nope",
        userId: "user_00001",
      });
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error.$metadata.httpStatusCode).toBe(404);
      expect(error.message).toBe(
        "Campaign arn:aws:personalize:us-east-1:000000000000:campaign/nope does not exist.",
      );
    });

    it("ResourceNotFoundException for a filter, since no filters exist locally", async () => {
      const error = await failure({
        campaignArn: localCampaignArn("aws-user-personalization"),
        userId: "user_00001",
        filterArn: "arn:aws:personalize:us-east-1:000000000000:filter/f",
      });
      expect(error).toBeInstanceOf(ResourceNotFoundException);
    });

    it.each([
      [
        "SIMS without itemId",
        { campaignArn: localCampaignArn("aws-sims"), userId: "user_00001" },
        "itemId: is required",
      ],
      [
        "numResults 0",
        { campaignArn: localCampaignArn("aws-popularity-count"), userId: "u", numResults: 0 },
        "numResults: must be between 1 and 500",
      ],
      [
        "numResults 501",
        { campaignArn: localCampaignArn("aws-popularity-count"), userId: "u", numResults: 501 },
        "numResults: must be between 1 and 500",
      ],
      [
        "user-personalization without userId",
        { campaignArn: localCampaignArn("aws-user-personalization") },
        "userId: is required",
      ],
      ["no campaign", { userId: "u" }, "campaignArn: is required"],
      ["a malformed campaign ARN", { campaignArn: "campaign/x", userId: "u" }, "is not a campaign ARN"],
      [
        "an empty userId",
        { campaignArn: localCampaignArn("aws-user-personalization"), userId: "" },
        "userId: must not be empty",
      ],
    ])("InvalidInputException (400) for %s", async (_, input, message) => {
      const error = await failure(input);
      expect(error).toBeInstanceOf(InvalidInputException);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toContain(message);
    });

    it("InvalidInputException for a malformed body", async () => {
      const command = new GetRecommendationsCommand({
        campaignArn: localCampaignArn("aws-sims"),
        itemId: "i",
      });
      command.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as { body: string; headers: Record<string, string> };
          request.body = '{"campaignArn": ';
          request.headers["content-length"] = String(request.body.length);
          return next(args);
        },
        { step: "build" },
      );
      const error = await client.send(command).then(
        () => new Error("expected the request to fail"),
        (caught: unknown) => caught as Error,
      );
      expect(error).toBeInstanceOf(InvalidInputException);
      expect(error.message).toBe("body: must be valid JSON");
    });

    it("InvalidInputException for ranking with a SIMS campaign or without a userId", async () => {
      const rank = (input: GetPersonalizedRankingCommandInput) =>
        client.send(new GetPersonalizedRankingCommand(input)).catch((caught: unknown) => caught as Error);
      expect(
        await rank({ campaignArn: localCampaignArn("aws-sims"), userId: "u", inputList: ["a"] }),
      ).toBeInstanceOf(InvalidInputException);
      expect(
        await rank({ campaignArn: localCampaignArn("aws-user-personalization"), inputList: ["a"] } as never),
      ).toBeInstanceOf(InvalidInputException);
    });
  });

  it("answers an unknown path with 404 UnknownOperationException", async () => {
    const response = await fetch(`${server.endpoint}/nothing-here`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    expect(await response.json()).toEqual({ message: "No operation at POST /nothing-here" });
  });
});
