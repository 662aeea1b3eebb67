import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  DEFAULT_TEST_NAME,
  ENV,
  EXPERIMENT_ATTRIBUTES,
  PLATFORM_CONFIG_ATTRIBUTES,
  PLATFORM_CONFIG_KEY,
  RECIPES,
  type RecipeName,
  type Strategy,
  TABLES,
  testNameField,
} from "@personalize-ab/domain";
import { z } from "zod";
import { defineAction } from "../action";
import type { ManagerContext } from "../context";
import { requireSetting } from "../context";
import { personalizeArn } from "../fields";

const STRATEGIES = [...new Set(Object.values(RECIPES).map((recipe) => recipe.strategy))] as [
  Strategy,
  ...Strategy[],
];
const TEST_NAME = TABLES.experiments.partitionKey.name;
// A concurrent edit of the variant list makes the conditional write fail; re-reading a few times settles it.
const MAX_ATTEMPTS = 3;

interface StoredVariant {
  readonly id?: unknown;
  readonly recipe?: unknown;
  readonly campaignArn?: unknown;
}

function campaignFor(
  variant: StoredVariant,
  campaigns: Partial<Record<Strategy, string>>,
): string | undefined {
  const recipe = RECIPES[variant.recipe as RecipeName];
  return recipe ? campaigns[recipe.strategy] : undefined;
}

/**
 * Sets `campaignArn` on each variant whose recipe's strategy was trained, and nothing else: each
 * write is a path update conditioned on the variant id still sitting at that index, so an edit of
 * the experiment made meanwhile is never overwritten.
 */
async function publishToExperiment(
  context: ManagerContext,
  table: string,
  testName: string,
  campaigns: Partial<Record<Strategy, string>>,
): Promise<{ test_name: string; outcome: "updated" | "unchanged" | "missing"; variants: string[] }> {
  for (let attempt = 1; ; attempt++) {
    const { Item } = await context.dynamo.send(
      new GetCommand({
        TableName: table,
        Key: { [TEST_NAME]: testName },
        ProjectionExpression: "#v",
        ExpressionAttributeNames: { "#v": EXPERIMENT_ATTRIBUTES.variants },
        ConsistentRead: true,
      }),
    );
    if (!Item) return { test_name: testName, outcome: "missing", variants: [] };
    const variants = (Item[EXPERIMENT_ATTRIBUTES.variants] ?? []) as StoredVariant[];
    const changes = variants.flatMap((variant, index) => {
      const arn = campaignFor(variant, campaigns);
      return arn && arn !== variant.campaignArn ? [{ index, id: variant.id, arn }] : [];
    });
    if (changes.length === 0) return { test_name: testName, outcome: "unchanged", variants: [] };
    try {
      await context.dynamo.send(
        new UpdateCommand({
          TableName: table,
          Key: { [TEST_NAME]: testName },
          UpdateExpression: `SET ${changes.map(({ index }) => `#v[${index}].#c = :arn${index}`).join(", ")}`,
          ConditionExpression: changes.map(({ index }) => `#v[${index}].#id = :id${index}`).join(" AND "),
          ExpressionAttributeNames: {
            "#v": EXPERIMENT_ATTRIBUTES.variants,
            "#c": "campaignArn",
            "#id": "id",
          },
          ExpressionAttributeValues: Object.fromEntries(
            changes.flatMap(({ index, id, arn }) => [
              [`:arn${index}`, arn],
              [`:id${index}`, id],
            ]),
          ),
        }),
      );
      return { test_name: testName, outcome: "updated", variants: changes.map(({ id }) => String(id)) };
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException" || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

export const publishConfig = defineAction({
  name: "publish_config",
  input: z.object({
    test_names: z.array(testNameField).min(1, "needs at least one test name").default([DEFAULT_TEST_NAME]),
    campaigns: z.partialRecord(z.enum(STRATEGIES), personalizeArn),
    tracking_id: z.string({ error: "must be a string" }).min(1, "must not be empty").max(256).optional(),
  }),
  async run(input, context) {
    const table = requireSetting(context, ENV.experimentsTable);
    const experiments = [];
    for (const testName of input.test_names) {
      experiments.push(await publishToExperiment(context, table, testName, input.campaigns));
    }
    if (input.tracking_id) {
      // Only the tracking id and the time: the popular items in the same record stay as they are.
      await context.dynamo.send(
        new UpdateCommand({
          TableName: table,
          Key: { [TEST_NAME]: PLATFORM_CONFIG_KEY },
          UpdateExpression: "SET #t = :t, #u = :u",
          ExpressionAttributeNames: {
            "#t": PLATFORM_CONFIG_ATTRIBUTES.trackingId,
            "#u": PLATFORM_CONFIG_ATTRIBUTES.updatedAt,
          },
          ExpressionAttributeValues: { ":t": input.tracking_id, ":u": context.now().toISOString() },
        }),
      );
    }
    return { experiments, tracking_id_published: Boolean(input.tracking_id) };
  },
});
