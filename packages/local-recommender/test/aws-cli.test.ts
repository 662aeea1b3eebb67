import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_TRACKING_ID, localCampaignArn } from "../src/campaigns";
import { type RunningRecommenderServer, startRecommenderServer } from "../src/http/recommender-server";
import { LocalRecommender } from "../src/model/local-recommender";
import { sampleData } from "./trained-sample-recommender";

const run = promisify(execFile);

/** Runs the AWS CLI against the local recommender with throwaway credentials. */
async function aws(endpoint: string, args: string[]) {
  // A profile named in the environment would take precedence over the throwaway keys.
  const { AWS_PROFILE: _profile, ...environment } = process.env;
  return run("aws", [...args, "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"], {
    env: {
      ...environment,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_PAGER: "",
    },
  });
}

describe("the local recommender, through the AWS CLI", () => {
  const recommender = LocalRecommender.train(sampleData.interactions);
  let server: RunningRecommenderServer;

  beforeAll(async () => {
    await run("aws", ["--version"]).catch(() => {
      throw new Error("The AWS CLI (`aws`) is not on PATH; install it, e.g. `apt-get install -y awscli`.");
    });
    server = await startRecommenderServer(recommender);
  });
  afterAll(() => server?.stop());

  it("get-recommendations prints a well-formed item list", async () => {
    const { stdout } = await aws(server.endpoint, [
      "personalize-runtime",
      "get-recommendations",
      "--campaign-arn",
      localCampaignArn("aws-user-personalization"),
      "--user-id",
      "user_00001",
      "--num-results",
      "5",
    ]);
    const response = JSON.parse(stdout);
    expect(response.recommendationId).toMatch(/^RID-/);
    expect(response.itemList).toHaveLength(5);
    const expected = recommender.recommend("user-personalization", { userId: "user_00001", numResults: 5 });
    expect(response.itemList.map((item: { itemId: string }) => item.itemId)).toEqual(
      expected.map((item) => item.itemId),
    );
    for (const item of response.itemList) expect(typeof item.score).toBe("number");
  });

  it("get-personalized-ranking returns the input items reordered", async () => {
    const { stdout } = await aws(server.endpoint, [
      "personalize-runtime",
      "get-personalized-ranking",
      "--campaign-arn",
      localCampaignArn("aws-user-personalization"),
      "--user-id",
      "user_00001",
      "--input-list",
      "item_00001",
      "item_00002",
      "item_00003",
    ]);
    const ranked = JSON.parse(stdout).personalizedRanking.map((item: { itemId: string }) => item.itemId);
    expect([...ranked].sort()).toEqual(["item_00001", "item_00002", "item_00003"]);
  });

  it("put-events is accepted and reaches the user's history", async () => {
    await aws(server.endpoint, [
      "personalize-events",
      "put-events",
      "--tracking-id",
      LOCAL_TRACKING_ID,
      "--user-id",
      "user_cli",
      "--session-id",
      "session_123",
      "--event-list",
      JSON.stringify([{ eventType: "purchase", itemId: "item_00001", sentAt: 1767225600 }]),
    ]);
    expect(recommender.lastItemOf("user_cli")).toBe("item_00001");
  });

  it("reports InvalidInputException for SIMS without an item", async () => {
    const failure = await aws(server.endpoint, [
      "personalize-runtime",
      "get-recommendations",
      "--campaign-arn",
      localCampaignArn("aws-sims"),
      "--user-id",
      "user_00001",
    ]).then(
      () => {
        throw new Error("expected the CLI to fail");
      },
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).not.toBe(0);
    expect(failure.stderr).toContain("(InvalidInputException)");
    expect(failure.stderr).toContain("itemId: is required");
  });
});
