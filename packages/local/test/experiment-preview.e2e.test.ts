import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "@personalize-ab/adapters";
import { recordsAbout } from "@personalize-ab/adapters/testing";
import {
  assignVariant,
  ENV,
  type ExperimentPreviewResponse,
  experimentPreviewResponseSchema,
  type RecommendationResponse,
} from "@personalize-ab/domain";
import { LOCAL_CAMPAIGN_ARNS } from "@personalize-ab/local-recommender";
import { generateSampleData } from "@personalize-ab/sample-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlatform, startPlatform } from "../src/platform";

let platform: RunningPlatform;
let documents: ReturnType<typeof createDocumentClient>;

// An experiment of its own: nothing else on the platform writes its counters or history.
const NAME = "preview_walk";
const VARIANTS = [
  {
    id: "personal",
    weight: 0.4,
    recipe: "aws-user-personalization",
    description: "Personalized",
    campaignArn: LOCAL_CAMPAIGN_ARNS["aws-user-personalization"],
  },
  {
    id: "similar",
    weight: 0.3,
    recipe: "aws-sims",
    description: "Similar items",
    campaignArn: LOCAL_CAMPAIGN_ARNS["aws-sims"],
  },
  {
    id: "popular",
    weight: 0.3,
    recipe: "aws-popularity-count",
    description: "Popular",
    campaignArn: LOCAL_CAMPAIGN_ARNS["aws-popularity-count"],
  },
] as const;

// Sample users with history, and one the platform has never seen (SIMS has no seed for them).
const USERS = [
  ...generateSampleData()
    .users.slice(0, 4)
    .map((user) => user.userId),
  "preview-newcomer",
];
const SHAPES = [
  { num_results: 6 },
  { num_results: 4, item_id: "item_00010" },
  { num_results: 5, filter: "category", filter_values: { CATEGORY: ["books", "electronics"] } },
] as const;

async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${platform.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const records = (userId: string) => recordsAbout(documents, platform.tables, { userId, testName: NAME });

beforeAll(async () => {
  // Personalize's lists are compared: no fallback for a slow answer on a busy machine.
  process.env[ENV.personalizeTimeoutMs] = "20000";
  platform = await startPlatform({ port: 0 });
  documents = createDocumentClient({ DYNAMODB_ENDPOINT: platform.dynamodbEndpoint });
  const created = await post("/experiments", { name: NAME, status: "active", variants: VARIANTS });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
});

afterAll(async () => {
  await platform?.stop();
});

describe("POST /experiments/{test_name}/preview on the local platform", () => {
  const previews = new Map<string, ExperimentPreviewResponse>();

  it("lists every variant for each user and request shape, and writes nothing", async () => {
    for (const userId of USERS) {
      const before = await records(userId);
      for (const [index, shape] of SHAPES.entries()) {
        const answer = await post(`/experiments/${NAME}/preview`, { user_id: userId, ...shape });
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        const preview = experimentPreviewResponseSchema.parse(answer.body);
        expect(preview).toMatchObject({
          status: "active",
          assigned_variant: assignVariant(userId, NAME, VARIANTS).id,
          assignment: "would_assign",
        });
        expect(preview.variants.map((variant) => variant.variant)).toEqual(VARIANTS.map((v) => v.id));
        previews.set(`${userId}#${index}`, preview);
      }
      // No assignment, exposure, event, counted state, counter or history entry appeared.
      const after = await records(userId);
      expect(after).toEqual(before);
      expect(after.assignments).toEqual([]);
      expect(after.experimentCounters).toEqual([]);
    }
    // The lists are the recommender's: the users with history get Personalize's own answers.
    const sources = [...previews.values()].flatMap((preview) => preview.variants.map((v) => v.source));
    expect(sources.filter((source) => source === "personalize").length).toBeGreaterThan(sources.length / 2);
  });

  it("gives each variant the list POST /recommendations serves a user assigned to that variant", async () => {
    let compared = 0;
    for (const userId of USERS) {
      for (const variant of VARIANTS) {
        // Assigned to this variant, as an enrollment would have stored it.
        await documents.send(
          new PutCommand({
            TableName: platform.tables.assignments,
            Item: { UserId: userId, TestName: NAME, Variant: variant.id, AssignmentTimestamp: 1 },
          }),
        );
        for (const [index, shape] of SHAPES.entries()) {
          const served = await post("/recommendations", { user_id: userId, test_name: NAME, ...shape });
          expect(served.status, JSON.stringify(served.body)).toBe(200);
          const answer = served.body as RecommendationResponse;
          expect(answer.variant).toBe(variant.id);
          const shown = previews.get(`${userId}#${index}`)!.variants.find((v) => v.variant === variant.id)!;
          expect(
            { source: shown.source, items: shown.recommendations },
            `${userId} ${variant.id} ${index}`,
          ).toEqual({
            source: answer.source,
            items: answer.recommendations,
          });
          compared++;
        }
      }
    }
    expect(compared).toBe(USERS.length * VARIANTS.length * SHAPES.length);
  });

  it("names the stored variant once the user has one, and still writes nothing", async () => {
    const userId = USERS[0]!;
    // The last variant the test above stored for this user.
    // What a request writes itself; the counters and counted user state derived from the test
    // above's writes may still be arriving from the streams, so they are not compared here (the
    // first test compares them on an experiment nothing had written to).
    const written = async () => {
      const { assignments, events } = await records(userId);
      return { assignments, events };
    };
    const before = await written();
    const answer = await post(`/experiments/${NAME}/preview`, { user_id: userId });
    expect(answer.body).toMatchObject({ assigned_variant: VARIANTS.at(-1)!.id, assignment: "stored" });
    expect(await written()).toEqual(before);
  });

  it("would have seen a write: the same check after a real request differs", async () => {
    const userId = "preview-planted";
    const before = await records(userId);
    await post("/recommendations", { user_id: userId, test_name: NAME, num_results: 2 });
    const after = await records(userId);
    expect(after).not.toEqual(before);
    expect(after.assignments).toHaveLength(1);
    expect(after.events).toHaveLength(1);
  });
});
