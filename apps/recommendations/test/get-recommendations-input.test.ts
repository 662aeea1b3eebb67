import { GetRecommendationsCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CAMPAIGNS, itemId, type Serving, startServing, userInVariant } from "./serving-fixture";

// Personalize answered by a client mock; DynamoDB Local serves the rest.
const runtime = mockClient(PersonalizeRuntimeClient);
let serving: Serving;

beforeAll(async () => {
  serving = await startServing();
});
afterAll(async () => {
  runtime.restore();
  await serving.personalize.stop();
});
beforeEach(() => {
  runtime.reset();
  runtime
    .on(GetRecommendationsCommand)
    .resolves({ recommendationId: "RID-m", itemList: [{ itemId: itemId(1) }] });
});

const inputs = () => runtime.commandCalls(GetRecommendationsCommand).map((call) => call.args[0].input);

describe("the GetRecommendations request", () => {
  it("asks variant_a's campaign for the user, with the default 10 results", async () => {
    const userId = userInVariant("variant_a", "input-a");
    await serving.post({ user_id: userId });
    expect(inputs()).toEqual([{ campaignArn: CAMPAIGNS.variant_a, userId, numResults: 10 }]);
  });

  it("passes num_results and context through", async () => {
    const userId = userInVariant("variant_c", "input-c");
    await serving.post({ user_id: userId, num_results: 25, context: { DEVICE: "mobile", DAY: "sat" } });
    expect(inputs()).toEqual([
      { campaignArn: CAMPAIGNS.variant_c, userId, numResults: 25, context: { DEVICE: "mobile", DAY: "sat" } },
    ]);
  });

  it("gives the SIMS campaign the request's item as itemId", async () => {
    const userId = userInVariant("variant_b", "input-b");
    await serving.post({ user_id: userId, item_id: itemId(42), num_results: 5 });
    expect(inputs()).toEqual([
      { campaignArn: CAMPAIGNS.variant_b, userId, itemId: itemId(42), numResults: 5 },
    ]);
  });

  it("sends itemId only to SIMS, even when the request carries one", async () => {
    const userId = userInVariant("variant_a", "input-a-item");
    await serving.post({ user_id: userId, item_id: itemId(42) });
    expect(inputs()).toEqual([{ campaignArn: CAMPAIGNS.variant_a, userId, numResults: 10 }]);
  });
});
