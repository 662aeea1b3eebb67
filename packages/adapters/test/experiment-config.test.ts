import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_TEST_NAME, type ExperimentInput, PLATFORM_CONFIG_KEY } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { ExperimentConfigSource } from "../src/config/experiment-config";
import { createDocumentClient } from "../src/dynamodb/document-client";
import { experimentItem, InvalidExperimentConfigError } from "../src/experiments/experiment-items";

let documents: ReturnType<typeof createDocumentClient>;
let table: string;

beforeAll(async () => {
  const { env, tables } = await createTestTables();
  documents = createDocumentClient(env);
  table = tables.experiments;
});

const experiment = (weightA: number): ExperimentInput => ({
  name: "cached_test",
  status: "active",
  variants: [
    { id: "a", weight: weightA, recipe: "aws-sims", description: "a" },
    { id: "b", weight: 1 - weightA, recipe: "aws-popularity-count", description: "b" },
  ],
});

describe("ExperimentConfigSource", () => {
  it("applies the recipe's default test, campaign ARNs from the environment, while the table has none", async () => {
    const env = { CAMPAIGN_B_ARN: "arn:aws:personalize:us-east-1:1:campaign/b" };
    const source = new ExperimentConfigSource(documents, table, { env });
    const found = await source.getExperiment(DEFAULT_TEST_NAME);
    expect(found?.variants.map((v) => [v.id, v.weight, v.campaignArn])).toEqual([
      ["variant_a", 0.33, undefined],
      ["variant_b", 0.33, "arn:aws:personalize:us-east-1:1:campaign/b"],
      ["variant_c", 0.34, undefined],
    ]);
    expect(await source.getExperiment("not_there")).toBeUndefined();
  });

  it("caches a record for its TTL, then reads the table again", async () => {
    let now = 1_000_000;
    const source = new ExperimentConfigSource(documents, table, { ttlMs: 1000, now: () => now });
    await documents.send(new PutCommand({ TableName: table, Item: experimentItem(experiment(0.5)) }));
    expect((await source.getExperiment("cached_test"))?.variants[0]?.weight).toBe(0.5);

    await documents.send(new PutCommand({ TableName: table, Item: experimentItem(experiment(0.2)) }));
    now = 1_000_999;
    expect((await source.getExperiment("cached_test"))?.variants[0]?.weight).toBe(0.5);
    now = 1_001_001;
    expect((await source.getExperiment("cached_test"))?.variants[0]?.weight).toBe(0.2);
  });

  it("reads the metrics an experiment record declares, and leaves them out when it has none", async () => {
    const metrics: ExperimentInput["metrics"] = [
      { name: "buys", kind: "binomial", role: "primary", numerator: { event_types: ["purchase"] } },
    ];
    const declared = { ...experiment(0.5), name: "with_metrics", metrics };
    await documents.send(new PutCommand({ TableName: table, Item: experimentItem(declared) }));
    const source = new ExperimentConfigSource(documents, table);
    expect((await source.getExperiment("with_metrics"))?.metrics).toEqual(metrics);
    expect(Object.keys(experimentItem(experiment(0.5)))).not.toContain("Metrics");
  });

  it("refuses a stored experiment that does not validate, as a deployment error", async () => {
    await documents.send(
      new PutCommand({
        TableName: table,
        Item: { ...experimentItem(experiment(0.5)), TestName: "broken", Status: "on" },
      }),
    );
    const source = new ExperimentConfigSource(documents, table);
    await expect(source.getExperiment("broken")).rejects.toBeInstanceOf(InvalidExperimentConfigError);
  });

  it("reads the platform record, with no popular items or filters until they are published", async () => {
    const source = new ExperimentConfigSource(documents, table, { ttlMs: 0 });
    expect(await source.getPlatformConfig()).toEqual({ popularItems: [], filterArns: {} });
    const filterArns = { category: "arn:aws:personalize:us-east-1:1:filter/dev-category" };
    await documents.send(
      new PutCommand({
        TableName: table,
        Item: {
          TestName: PLATFORM_CONFIG_KEY,
          TrackingId: "tid",
          PopularItems: ["i1", "i2"],
          FilterArns: filterArns,
        },
      }),
    );
    expect(await source.getPlatformConfig()).toEqual({
      trackingId: "tid",
      popularItems: ["i1", "i2"],
      filterArns,
    });
  });
});
