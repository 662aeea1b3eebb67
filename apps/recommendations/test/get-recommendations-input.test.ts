import { GetRecommendationsCommand, PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { experimentItem } from "@personalize-ab/adapters";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CAMPAIGNS, FILTER_ARNS, itemId, type Serving, startServing, userInVariant } from "./serving-fixture";

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

  it("names the filter's ARN, with its values JSON-quoted and comma-separated as Personalize takes them", async () => {
    const userId = userInVariant("variant_c", "input-filter");
    await serving.post({
      user_id: userId,
      filter: "category",
      filter_values: { CATEGORY: ["books", 'odd "one"'] },
    });
    await serving.post({ user_id: userId, filter: "category", filter_values: { CATEGORY: "home" } });
    await serving.post({ user_id: userId, filter: "exclude-purchased", num_results: 3 });
    expect(inputs()).toEqual([
      {
        campaignArn: CAMPAIGNS.variant_c,
        userId,
        numResults: 10,
        filterArn: FILTER_ARNS.category,
        filterValues: { CATEGORY: '"books","odd \\"one\\""' },
      },
      {
        campaignArn: CAMPAIGNS.variant_c,
        userId,
        numResults: 10,
        filterArn: FILTER_ARNS.category,
        filterValues: { CATEGORY: '"home"' },
      },
      {
        campaignArn: CAMPAIGNS.variant_c,
        userId,
        numResults: 3,
        filterArn: FILTER_ARNS["exclude-purchased"],
      },
    ]);
  });

  it("applies a variant's filter to requests that name none; a request's own filter replaces it", async () => {
    await serving.documents.send(
      new PutCommand({
        TableName: serving.tables.experiments,
        Item: experimentItem({
          name: "books_page",
          status: "active",
          variants: [
            {
              id: "only",
              weight: 1,
              recipe: "aws-popularity-count",
              campaignArn: CAMPAIGNS.variant_c,
              description: "popular books",
              filter: { name: "category", values: { CATEGORY: ["books"] } },
            },
          ],
        }),
      }),
    );
    await serving.post({ user_id: "variant-filter", test_name: "books_page" });
    await serving.post({ user_id: "variant-filter", test_name: "books_page", filter: "exclude-purchased" });
    const base = { campaignArn: CAMPAIGNS.variant_c, userId: "variant-filter", numResults: 10 };
    expect(inputs()).toEqual([
      { ...base, filterArn: FILTER_ARNS.category, filterValues: { CATEGORY: '"books"' } },
      { ...base, filterArn: FILTER_ARNS["exclude-purchased"] },
    ]);
  });
});
