import {
  GetRecommendationsCommand,
  type GetRecommendationsCommandInput,
  InvalidInputException,
  type PersonalizeRuntimeClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-personalize-runtime";
import {
  personalizeFilterValues,
  type ResolvedFilter,
  resolveDeclaredFilter,
  type Strategy,
} from "@personalize-ab/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_FILTER_EXPRESSIONS, localCampaignArn, localFilterArn } from "../src/campaigns";
import { type RunningRecommenderServer, startRecommenderServer } from "../src/http/recommender-server";
import { runtimeClientFor, sampleData, sampleRecommender } from "./trained-sample-recommender";

const STRATEGIES: Strategy[] = ["user-personalization", "similar-items", "popularity"];
const purchasedBy = new Map<string, Set<string>>();
for (const event of sampleData.interactions) {
  if (event.eventType !== "purchase") continue;
  const items = purchasedBy.get(event.userId) ?? new Set<string>();
  items.add(event.itemId);
  purchasedBy.set(event.userId, items);
}
const categoryOf = new Map(sampleData.items.map((item) => [item.itemId, item.category]));

/** Every user's list for every recipe, and the purchased items in them. */
function purchasedItemsServed(filter: ResolvedFilter | undefined) {
  let lists = 0;
  let violations = 0;
  for (const user of sampleData.users) {
    const itemId = sampleRecommender.lastItemOf(user.userId);
    for (const strategy of STRATEGIES) {
      const items = sampleRecommender.recommend(strategy, {
        userId: user.userId,
        ...(itemId !== undefined && { itemId }),
        numResults: 25,
        filter,
      });
      lists++;
      const purchased = purchasedBy.get(user.userId) ?? new Set();
      violations += items.filter((item) => purchased.has(item.itemId)).length;
    }
  }
  return { lists, violations };
}

describe("filters in the local recommender", () => {
  it("never serves a user an item they purchased under exclude-purchased, over every sample user and recipe", () => {
    const filtered = purchasedItemsServed(resolveDeclaredFilter("exclude-purchased"));
    const unfiltered = purchasedItemsServed(undefined);
    console.log(
      `exclude-purchased over ${sampleData.users.length} users x ${STRATEGIES.length} recipes: ` +
        `${filtered.violations} purchased items served with it, ${unfiltered.violations} without`,
    );
    expect(filtered.lists).toBe(sampleData.users.length * STRATEGIES.length);
    // The same check finds the purchased items the unfiltered lists do carry: it can fail.
    expect(unfiltered.violations).toBeGreaterThan(0);
    expect(filtered.violations).toBe(0);
  });

  it("keeps only the given categories under the category filter, full lists still", () => {
    const filter = resolveDeclaredFilter("category", { CATEGORY: ["books", "home"] });
    for (const user of sampleData.users.slice(0, 100)) {
      for (const strategy of STRATEGIES) {
        const items = sampleRecommender.recommend(strategy, {
          userId: user.userId,
          itemId: sampleRecommender.lastItemOf(user.userId) ?? "item_00001",
          numResults: 25,
          filter,
        });
        expect(items).toHaveLength(25);
        expect(items.filter((item) => !["books", "home"].includes(categoryOf.get(item.itemId)!))).toEqual([]);
      }
    }
  });
});

describe("filters over the Personalize runtime API", () => {
  const refusedArn = "arn:aws:personalize:us-east-1:000000000000:filter/local-cheap";
  let server: RunningRecommenderServer;
  let client: PersonalizeRuntimeClient;
  const ask = (
    input: Omit<GetRecommendationsCommandInput, "campaignArn"> & {
      recipe?: Parameters<typeof localCampaignArn>[0];
    },
  ) => {
    const { recipe = "aws-user-personalization", ...rest } = input;
    return client.send(new GetRecommendationsCommand({ campaignArn: localCampaignArn(recipe), ...rest }));
  };

  beforeAll(async () => {
    server = await startRecommenderServer(sampleRecommender, {
      filters: { ...LOCAL_FILTER_EXPRESSIONS, [refusedArn]: "EXCLUDE ItemID WHERE Items.PRICE > 10" },
    });
    client = runtimeClientFor(server.endpoint);
  });
  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  it("applies filterArn with filterValues in Personalize's JSON-quoted format", async () => {
    const response = await ask({
      recipe: "aws-popularity-count",
      userId: "user_00001",
      numResults: 10,
      filterArn: localFilterArn("category"),
      filterValues: personalizeFilterValues({ CATEGORY: ["sports"] }),
    });
    const items = response.itemList ?? [];
    expect(items).toHaveLength(10);
    expect(items.map((item) => categoryOf.get(item.itemId!))).toEqual(Array(10).fill("sports"));
  });

  it("refuses an expression it cannot apply, naming filterArn", async () => {
    const refused = ask({ userId: "user_00001", filterArn: refusedArn });
    await expect(refused).rejects.toBeInstanceOf(InvalidInputException);
    await expect(refused).rejects.toThrow(/^filterArn: the local recommender cannot apply the expression/);
  });

  it("refuses a missing or malformed value of an INCLUDE parameter, naming filterValues", async () => {
    const missing = ask({ userId: "user_00001", filterArn: localFilterArn("category") });
    await expect(missing).rejects.toBeInstanceOf(InvalidInputException);
    await expect(missing).rejects.toThrow(/^filterValues: .* CATEGORY/);
    await expect(
      ask({
        userId: "user_00001",
        filterArn: localFilterArn("category"),
        filterValues: { CATEGORY: "sports" },
      }),
    ).rejects.toThrow(/^filterValues\.CATEGORY: must be JSON-quoted strings/);
  });

  it("marks User-Personalization-v2's popular placeholders with Personalize's reason; v1 gives no reasons", async () => {
    const v2 = await ask({ recipe: "aws-user-personalization-v2", userId: "someone-new", numResults: 5 });
    expect(v2.itemList?.map((item) => item.reason)).toEqual(Array(5).fill(["Popular item"]));
    const known = await ask({ recipe: "aws-user-personalization-v2", userId: "user_00001", numResults: 5 });
    expect(known.itemList?.map((item) => item.reason)).toEqual(Array(5).fill(undefined));
    const v1 = await ask({ recipe: "aws-user-personalization", userId: "someone-new", numResults: 5 });
    expect(v1.itemList?.map((item) => item.reason)).toEqual(Array(5).fill(undefined));
  });

  it("answers ResourceNotFoundException for a filter it does not hold", async () => {
    await expect(
      ask({ userId: "user_00001", filterArn: "arn:aws:personalize:us-east-1:000000000000:filter/nope" }),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
