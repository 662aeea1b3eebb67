import { GetRecommendationsCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { RECIPE_NAMES } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { LOCAL_TRACKING_ID } from "../src/campaigns";
import { startLocalRecommender } from "../src/start-local-recommender";
import { dummyCredentials, sampleData } from "./trained-sample-recommender";

describe("startLocalRecommender", () => {
  it("trains on the data, serves a campaign per recipe, and stops", async () => {
    const running = await startLocalRecommender({ data: sampleData });
    expect(Object.keys(running.campaignArns)).toEqual(RECIPE_NAMES);
    expect(running.trackingId).toBe(LOCAL_TRACKING_ID);
    expect(running.recommender.itemCount).toBe(2000);
    const client = new PersonalizeRuntimeClient({
      endpoint: running.endpoint,
      region: "us-east-1",
      credentials: dummyCredentials,
      maxAttempts: 1,
    });
    for (const campaignArn of Object.values(running.campaignArns)) {
      const response = await client.send(
        new GetRecommendationsCommand({
          campaignArn,
          userId: "user_00001",
          itemId: "item_00001",
          numResults: 3,
        }),
      );
      expect(response.itemList, campaignArn).toHaveLength(3);
    }
    client.destroy();
    await running.stop();
    await expect(fetch(`${running.endpoint}/recommendations`, { method: "POST" })).rejects.toThrow();
  });
});
