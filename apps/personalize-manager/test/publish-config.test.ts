import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { ExperimentStore } from "@personalize-ab/adapters";
import {
  DEFAULT_EXPERIMENT,
  DEFAULT_TEST_NAME,
  DEPLOYED_MODELS_ATTRIBUTES,
  ENV,
  EXPERIMENT_ATTRIBUTES,
  newExperiment,
  PLATFORM_CONFIG_ATTRIBUTES,
  PLATFORM_CONFIG_KEY,
  startAllocationPeriod,
} from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeEach, describe, expect, it } from "vitest";
import { FIXED_NOW, run, runFailing, testContext } from "./support/context";

const ARN = "arn:aws:personalize:us-east-1:123456789012:campaign";
const campaigns = {
  "user-personalization": `${ARN}/pab-dev-user-personalization`,
  "similar-items": `${ARN}/pab-dev-sims`,
  popularity: `${ARN}/pab-dev-popularity`,
};

let dynamo: DynamoDBDocumentClient;
let experimentsTable: string;
let historyTable: string;

async function storeExperiment(testName: string, variants: Record<string, unknown>[]) {
  await dynamo.send(
    new PutCommand({
      TableName: experimentsTable,
      Item: {
        TestName: testName,
        [EXPERIMENT_ATTRIBUTES.status]: "active",
        [EXPERIMENT_ATTRIBUTES.variants]: variants,
        Owner: "growth-team",
      },
    }),
  );
}

async function readRecord(testName: string) {
  return (await dynamo.send(new GetCommand({ TableName: experimentsTable, Key: { TestName: testName } })))
    .Item;
}

function tableSettings() {
  return { [ENV.experimentsTable]: experimentsTable, [ENV.experimentHistoryTable]: historyTable };
}

async function historyOf(testName: string) {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: historyTable,
      KeyConditionExpression: "TestName = :n",
      ExpressionAttributeValues: { ":n": testName },
    }),
  );
  return Items ?? [];
}

function context() {
  return testContext({ dynamo, settings: tableSettings() });
}

beforeEach(async () => {
  const local = await createTestTables();
  dynamo = DynamoDBDocumentClient.from(local.client);
  experimentsTable = local.tables.experiments;
  historyTable = local.tables.experimentHistory;
});

describe("publish_config against DynamoDB Local", () => {
  it("sets each variant's campaign by its recipe's strategy and touches nothing else", async () => {
    await storeExperiment(DEFAULT_TEST_NAME, [...DEFAULT_EXPERIMENT.variants]);
    await dynamo.send(
      new PutCommand({
        TableName: experimentsTable,
        Item: { TestName: PLATFORM_CONFIG_KEY, [PLATFORM_CONFIG_ATTRIBUTES.popularItems]: ["i1", "i2"] },
      }),
    );

    const body = await run({ action: "publish_config", campaigns, tracking_id: "track-1" }, context());

    expect(body).toEqual({
      experiments: [
        {
          test_name: DEFAULT_TEST_NAME,
          outcome: "updated",
          variants: ["variant_a", "variant_b", "variant_c"],
        },
      ],
      tracking_id_published: true,
      models_published: false,
      filters_published: false,
    });
    const experiment = await readRecord(DEFAULT_TEST_NAME);
    expect(experiment).toEqual({
      TestName: DEFAULT_TEST_NAME,
      [EXPERIMENT_ATTRIBUTES.status]: "active",
      Owner: "growth-team",
      // The version moves with every write of the record, and the history says what changed.
      [EXPERIMENT_ATTRIBUTES.version]: 1,
      [EXPERIMENT_ATTRIBUTES.variants]: [
        { ...DEFAULT_EXPERIMENT.variants[0], campaignArn: campaigns["user-personalization"] },
        { ...DEFAULT_EXPERIMENT.variants[1], campaignArn: campaigns["similar-items"] },
        { ...DEFAULT_EXPERIMENT.variants[2], campaignArn: campaigns.popularity },
      ],
    });
    expect(await historyOf(DEFAULT_TEST_NAME)).toEqual([
      {
        TestName: DEFAULT_TEST_NAME,
        Version: 1,
        At: FIXED_NOW.getTime(),
        Caller: "training-pipeline",
        Action: "update",
        Changes: {
          variants: {
            from: [...DEFAULT_EXPERIMENT.variants],
            to: experiment![EXPERIMENT_ATTRIBUTES.variants],
          },
        },
      },
    ]);
    expect(await readRecord(PLATFORM_CONFIG_KEY)).toEqual({
      TestName: PLATFORM_CONFIG_KEY,
      [PLATFORM_CONFIG_ATTRIBUTES.popularItems]: ["i1", "i2"],
      [PLATFORM_CONFIG_ATTRIBUTES.trackingId]: "track-1",
      [PLATFORM_CONFIG_ATTRIBUTES.updatedAt]: FIXED_NOW.toISOString(),
      [DEPLOYED_MODELS_ATTRIBUTES.revision]: 1,
    });
  });

  it("is a no-op the second time", async () => {
    await storeExperiment("homepage", [{ ...DEFAULT_EXPERIMENT.variants[1], id: "only", weight: 1 }]);
    const first = await run({ action: "publish_config", test_names: ["homepage"], campaigns }, context());
    const second = await run({ action: "publish_config", test_names: ["homepage"], campaigns }, context());
    expect(first.experiments).toEqual([{ test_name: "homepage", outcome: "updated", variants: ["only"] }]);
    expect(second.experiments).toEqual([{ test_name: "homepage", outcome: "unchanged", variants: [] }]);
    expect(second.tracking_id_published).toBe(false);
    expect(await readRecord(PLATFORM_CONFIG_KEY)).toBeUndefined();
  });

  it("leaves variants of strategies that were not trained as they are", async () => {
    await storeExperiment("partial", [...DEFAULT_EXPERIMENT.variants]);
    await run(
      { action: "publish_config", test_names: ["partial"], campaigns: { popularity: campaigns.popularity } },
      context(),
    );
    const variants = (await readRecord("partial"))![EXPERIMENT_ATTRIBUTES.variants];
    expect(variants.map((variant: { campaignArn?: string }) => variant.campaignArn)).toEqual([
      undefined,
      undefined,
      campaigns.popularity,
    ]);
  });

  it("reports an experiment that does not exist instead of creating it", async () => {
    const body = await run({ action: "publish_config", test_names: ["nope"], campaigns }, context());
    expect(body.experiments).toEqual([{ test_name: "nope", outcome: "missing", variants: [] }]);
    expect(await readRecord("nope")).toBeUndefined();
  });

  it("re-reads when the variants were reordered between its read and its write", async () => {
    await storeExperiment("racy", [...DEFAULT_EXPERIMENT.variants]);
    let interfered = false;
    // A client that lets someone else reorder the variants just before our first conditional write.
    const racing = {
      send: async (command: unknown) => {
        if (command instanceof TransactWriteCommand && !interfered) {
          interfered = true;
          await dynamo.send(
            new PutCommand({
              TableName: experimentsTable,
              Item: {
                TestName: "racy",
                [EXPERIMENT_ATTRIBUTES.status]: "active",
                [EXPERIMENT_ATTRIBUTES.variants]: [...DEFAULT_EXPERIMENT.variants].reverse(),
              },
            }),
          );
        }
        return dynamo.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const raced = testContext({ dynamo: racing, settings: tableSettings() });
    await run({ action: "publish_config", test_names: ["racy"], campaigns }, raced);
    expect(interfered).toBe(true);
    const variants = (await readRecord("racy"))![EXPERIMENT_ATTRIBUTES.variants];
    expect(
      variants.map((variant: { id: string; campaignArn?: string }) => [variant.id, variant.campaignArn]),
    ).toEqual([
      ["variant_c", campaigns.popularity],
      ["variant_b", campaigns["similar-items"]],
      ["variant_a", campaigns["user-personalization"]],
    ]);
  });

  it("records each variant's model version and the deployed models, under a new revision", async () => {
    await storeExperiment(DEFAULT_TEST_NAME, [...DEFAULT_EXPERIMENT.variants]);
    const versions = {
      "user-personalization": "arn:aws:personalize:us-east-1:123456789012:solution/up/v2",
      "similar-items": "arn:aws:personalize:us-east-1:123456789012:solution/sims/v2",
      popularity: "arn:aws:personalize:us-east-1:123456789012:solution/pop/v2",
    };
    const body = await run({ action: "publish_config", campaigns, model_versions: versions }, context());
    expect(body.models_published).toBe(true);
    const variants = (await readRecord(DEFAULT_TEST_NAME))![EXPERIMENT_ATTRIBUTES.variants];
    expect(variants.map((v: { modelVersion?: string }) => v.modelVersion)).toEqual([
      versions["user-personalization"],
      versions["similar-items"],
      versions.popularity,
    ]);
    const platform = await readRecord(PLATFORM_CONFIG_KEY);
    expect(platform![DEPLOYED_MODELS_ATTRIBUTES.revision]).toBe(1);
    expect(platform![DEPLOYED_MODELS_ATTRIBUTES.models].popularity).toEqual({
      campaignArn: campaigns.popularity,
      solutionVersionArn: versions.popularity,
    });
    // The same publish again changes nothing, not even the revision.
    const again = await run({ action: "publish_config", campaigns, model_versions: versions }, context());
    expect(again).toMatchObject({ models_published: false, tracking_id_published: false });
    expect((await readRecord(PLATFORM_CONFIG_KEY))![DEPLOYED_MODELS_ATTRIBUTES.revision]).toBe(1);
  });

  it("switches all experiments or none: one that keeps changing under it leaves the other untouched", async () => {
    await storeExperiment("first", [...DEFAULT_EXPERIMENT.variants]);
    await storeExperiment("second", [...DEFAULT_EXPERIMENT.variants]);
    let order = [...DEFAULT_EXPERIMENT.variants];
    const racing = {
      send: async (command: unknown) => {
        if (command instanceof TransactWriteCommand) {
          // Someone reorders the second experiment's variants before every one of our writes.
          order = [...order].reverse();
          await storeExperiment("second", order);
        }
        return dynamo.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    const raced = testContext({ dynamo: racing, settings: tableSettings() });
    const error = await runFailing(
      { action: "publish_config", test_names: ["first", "second"], campaigns, tracking_id: "t" },
      raced,
    );
    expect(error.name).toBe("ManagerInternalError");
    const first = (await readRecord("first"))![EXPERIMENT_ATTRIBUTES.variants];
    expect(first.map((v: { campaignArn?: string }) => v.campaignArn)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(await readRecord(PLATFORM_CONFIG_KEY)).toBeUndefined();
  });

  it("refuses an admin write made from a read older than the publish, instead of undoing it", async () => {
    const store = new ExperimentStore(dynamo, { experiments: experimentsTable, history: historyTable });
    const created = await store.create(
      newExperiment({ name: "guarded", status: "active", variants: [...DEFAULT_EXPERIMENT.variants] }, 1),
      { caller: "ana", atMs: 1 },
    );
    await run({ action: "publish_config", test_names: ["guarded"], campaigns }, context());
    const stale = startAllocationPeriod(
      created,
      { variant_a: 0.5, variant_b: 0.25, variant_c: 0.25 },
      "manual",
      2,
    );
    await expect(store.save(created, stale, "update", { caller: "ana", atMs: 2 })).rejects.toMatchObject({
      code: "version_conflict",
    });
    const stored = (await store.read("guarded"))!;
    expect([stored.version, stored.variants.map((variant) => variant.campaignArn)]).toEqual([
      2,
      [campaigns["user-personalization"], campaigns["similar-items"], campaigns.popularity],
    ]);
    expect((await historyOf("guarded")).map((entry) => [entry.Version, entry.Caller])).toEqual([
      [1, "ana"],
      [2, "training-pipeline"],
    ]);
  });

  it("publishes the filters' ARNs in the platform record, which the serving functions read", async () => {
    await storeExperiment(DEFAULT_TEST_NAME, [...DEFAULT_EXPERIMENT.variants]);
    const filterArns = {
      "exclude-purchased":
        "arn:aws:personalize:us-east-1:123456789012:filter/pab-dev-exclude-purchased-1a2b3c4d",
      category: "arn:aws:personalize:us-east-1:123456789012:filter/pab-dev-category-5e6f7a8b",
    };
    const body = await run({ action: "publish_config", campaigns, filter_arns: filterArns }, context());
    expect(body).toMatchObject({ filters_published: true });
    expect(await readRecord(PLATFORM_CONFIG_KEY)).toMatchObject({
      [PLATFORM_CONFIG_ATTRIBUTES.filterArns]: filterArns,
      [DEPLOYED_MODELS_ATTRIBUTES.revision]: 1,
    });
  });

  it("names the field of an undeclared filter and writes nothing", async () => {
    const error = await runFailing(
      {
        action: "publish_config",
        campaigns,
        filter_arns: { cheap: "arn:aws:personalize:us-east-1:1:filter/x" },
      },
      context(),
    );
    expect(error).toMatchObject({ name: "ValidationError", message: expect.stringMatching(/^filter_arns/) });
    expect(await readRecord(PLATFORM_CONFIG_KEY)).toBeUndefined();
  });

  it("names the field of a bad campaign ARN and writes nothing", async () => {
    await storeExperiment(DEFAULT_TEST_NAME, [...DEFAULT_EXPERIMENT.variants]);
    const error = await runFailing(
      { action: "publish_config", campaigns: { popularity: "campaign-c" }, tracking_id: "t" },
      context(),
    );
    expect(error).toMatchObject({
      name: "ValidationError",
      message: "campaigns.popularity: must be a Personalize ARN",
    });
    expect(await readRecord(PLATFORM_CONFIG_KEY)).toBeUndefined();
  });
});
