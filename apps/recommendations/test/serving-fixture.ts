import { BatchWriteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "@personalize-ab/adapters";
import {
  invokePath,
  invokeRoute,
  type LocalPersonalizeBehaviour,
  platformConfigItem,
  startLocalPersonalize,
} from "@personalize-ab/adapters/testing";
import { assignVariant, DEFAULT_EXPERIMENT, DEFAULT_TEST_NAME, ENV } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";

export const CAMPAIGNS = {
  variant_a: "arn:aws:personalize:us-east-1:111111111111:campaign/user-personalization",
  variant_b: "arn:aws:personalize:us-east-1:111111111111:campaign/sims",
  variant_c: "arn:aws:personalize:us-east-1:111111111111:campaign/popularity",
} as const;

export const FILTER_ARNS = {
  category: "arn:aws:personalize:us-east-1:111111111111:filter/test-category",
  "exclude-purchased": "arn:aws:personalize:us-east-1:111111111111:filter/test-exclude-purchased",
} as const;

export const POPULAR = ["item_00003", "item_00001", "item_00002", "item_00004", "item_00005"];

export const itemId = (n: number) => `item_${String(n).padStart(5, "0")}`;

/** The catalog row of item n, as the sample-data loader writes it. */
export const catalogItem = (n: number) => ({
  ItemId: itemId(n),
  Category: ["electronics", "books", "clothing"][n % 3]!,
  Price: 10 + n + 0.99,
  Brand: `Brand${n % 4}`,
});

/** A user id the recipe's hash puts in the default experiment's variant. */
export function userInVariant(variantId: keyof typeof CAMPAIGNS, prefix: string): string {
  for (let n = 0; ; n++) {
    const userId = `${prefix}-${n}`;
    if (assignVariant(userId, DEFAULT_TEST_NAME, DEFAULT_EXPERIMENT.variants).id === variantId) return userId;
  }
}

/**
 * The recommendations handler on fresh DynamoDB Local tables (30 catalog items, a popular list)
 * with a local Personalize stand-in behind the real runtime client.
 */
export async function startServing(
  options: {
    timeoutMs?: number;
    personalize?: Partial<LocalPersonalizeBehaviour>;
    /** The filters the pipeline has created; all by default. */
    filterArns?: Partial<Record<keyof typeof FILTER_ARNS, string>>;
  } = {},
) {
  const created = await createTestTables();
  const personalize = await startLocalPersonalize(options.personalize);
  Object.assign(process.env, created.env, {
    [ENV.personalizeRuntimeEndpoint]: personalize.endpoint,
    [ENV.campaignAArn]: CAMPAIGNS.variant_a,
    [ENV.campaignBArn]: CAMPAIGNS.variant_b,
    [ENV.campaignCArn]: CAMPAIGNS.variant_c,
    [ENV.personalizeTimeoutMs]: String(options.timeoutMs ?? 800),
  });
  const documents = createDocumentClient(created.env);
  const rows = Array.from({ length: 30 }, (_, n) => catalogItem(n + 1));
  for (let i = 0; i < rows.length; i += 25) {
    await documents.send(
      new BatchWriteCommand({
        RequestItems: {
          [created.tables.items]: rows.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
  }
  await documents.send(
    new PutCommand({
      TableName: created.tables.experiments,
      Item: platformConfigItem({ popularItems: POPULAR, filterArns: options.filterArns ?? FILTER_ARNS }),
    }),
  );
  const { handler } = await import("../src/handler");
  const post = (body: unknown) =>
    invokeRoute(handler, "recommendations", typeof body === "string" ? body : JSON.stringify(body));
  const preview = (testName: string, body: unknown) =>
    invokePath(handler, "POST", `/experiments/${testName}/preview`, body);
  return { handler, post, preview, personalize, documents, tables: created.tables };
}

export type Serving = Awaited<ReturnType<typeof startServing>>;
