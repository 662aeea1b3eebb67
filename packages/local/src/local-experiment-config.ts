import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { experimentItem } from "@personalize-ab/adapters";
import {
  DEFAULT_EXPERIMENT,
  type Experiment,
  PLATFORM_CONFIG_ATTRIBUTES,
  PLATFORM_CONFIG_KEY,
  TABLES,
} from "@personalize-ab/domain";
import { LOCAL_CAMPAIGN_ARNS, LOCAL_FILTER_ARNS, LOCAL_TRACKING_ID } from "@personalize-ab/local-recommender";

/** The recipe's default test, each variant on the local campaign of its recipe. */
export function localDefaultExperiment(): Experiment {
  return {
    ...DEFAULT_EXPERIMENT,
    variants: DEFAULT_EXPERIMENT.variants.map((variant) => ({
      ...variant,
      campaignArn: LOCAL_CAMPAIGN_ARNS[variant.recipe],
    })),
  };
}

/**
 * Publishes what the training pipeline publishes in AWS: the experiment with campaign ARNs, the
 * event tracker's tracking id and the filters' ARNs. The writes leave an existing record alone,
 * so an experiment edited in a kept local database survives a restart.
 */
export async function publishLocalExperimentConfig(
  documents: DynamoDBDocumentClient,
  experimentsTable: string,
) {
  const key = TABLES.experiments.partitionKey.name;
  try {
    await documents.send(
      new PutCommand({
        TableName: experimentsTable,
        Item: experimentItem(localDefaultExperiment()),
        ConditionExpression: `attribute_not_exists(${key})`,
      }),
    );
  } catch (error) {
    if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
  }
  await documents.send(
    new UpdateCommand({
      TableName: experimentsTable,
      Key: { [key]: PLATFORM_CONFIG_KEY },
      UpdateExpression:
        "SET #trackingId = if_not_exists(#trackingId, :trackingId), #filterArns = if_not_exists(#filterArns, :filterArns)",
      ExpressionAttributeNames: {
        "#trackingId": PLATFORM_CONFIG_ATTRIBUTES.trackingId,
        "#filterArns": PLATFORM_CONFIG_ATTRIBUTES.filterArns,
      },
      ExpressionAttributeValues: { ":trackingId": LOCAL_TRACKING_ID, ":filterArns": LOCAL_FILTER_ARNS },
    }),
  );
}
