import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  PLATFORM_CONFIG_ATTRIBUTES,
  PLATFORM_CONFIG_KEY,
  platformConfigSchema,
  TABLES,
} from "@personalize-ab/domain";

/**
 * Stores the popular-items fallback in the platform config record. An UpdateItem that sets only
 * its own attributes: the trackingId that the training pipeline writes into the same record is
 * never read or replaced here, so neither writer can clobber the other.
 */
export async function publishPopularItems(
  client: DynamoDBDocumentClient,
  experimentsTable: string,
  popularItems: readonly string[],
  now: Date = new Date(),
): Promise<void> {
  const valid = platformConfigSchema.shape.popularItems.parse(popularItems);
  await client.send(
    new UpdateCommand({
      TableName: experimentsTable,
      Key: { [TABLES.experiments.partitionKey.name]: PLATFORM_CONFIG_KEY },
      UpdateExpression: "SET #popularItems = :popularItems, #updatedAt = :updatedAt",
      ExpressionAttributeNames: {
        "#popularItems": PLATFORM_CONFIG_ATTRIBUTES.popularItems,
        "#updatedAt": PLATFORM_CONFIG_ATTRIBUTES.updatedAt,
      },
      ExpressionAttributeValues: { ":popularItems": valid, ":updatedAt": now.toISOString() },
    }),
  );
}
