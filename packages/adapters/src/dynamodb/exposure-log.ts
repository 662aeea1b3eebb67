import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { EXPOSURE_EVENT_TYPE, type FailedVariant, type RecommendationSource } from "@personalize-ab/domain";
import { dataRetentionDays, expiresAtSeconds } from "../environment";
import { EVENT_KEY, EXPIRES_AT } from "./event-records";

// The interactions export leaves exposure records out by this type.
export { EXPOSURE_EVENT_TYPE };

export interface Exposure {
  readonly userId: string;
  readonly recommendationId: string;
  readonly testName: string;
  readonly variant: string;
  readonly algorithm: string;
  readonly itemIds: readonly string[];
  readonly source: RecommendationSource;
  readonly servedAtMs: number;
  /** The solution version that produced the items (the published config's), absent for a fallback. */
  readonly modelVersion?: string | undefined;
  /** Set for an interleaved list: the variant that contributed each item, and the variants that failed. */
  readonly interleaving?: InterleavedExposure | undefined;
}

export interface InterleavedExposure {
  /** One variant id per item of `itemIds`, in the same order. */
  readonly teams: readonly string[];
  readonly failed: readonly FailedVariant[];
}

/** Attribute names of an interleaved exposure's teams and failures. */
export const INTERLEAVING_ATTRIBUTES = { teams: "Teams", failed: "FailedVariants" } as const;

/**
 * The exposure's event id: derived from the recommendation id, so a retried write lands on the
 * same key. '#' cannot occur in a client's event_id, so no client event can take it.
 */
export function exposureEventId(recommendationId: string): string {
  return `${EXPOSURE_EVENT_TYPE}#${recommendationId}`;
}

/** The exposure as the events table holds it, in the user's partition beside their events. */
export function exposureItem(exposure: Exposure): Record<string, unknown> {
  return {
    [EVENT_KEY.partition]: exposure.userId,
    [EVENT_KEY.sort]: exposureEventId(exposure.recommendationId),
    EventType: EXPOSURE_EVENT_TYPE,
    Timestamp: exposure.servedAtMs,
    RecommendationId: exposure.recommendationId,
    TestName: exposure.testName,
    Variant: exposure.variant,
    Algorithm: exposure.algorithm,
    Items: exposure.itemIds,
    Source: exposure.source,
    ModelVersion: exposure.modelVersion,
    ...(exposure.interleaving && {
      [INTERLEAVING_ATTRIBUTES.teams]: exposure.interleaving.teams,
      [INTERLEAVING_ATTRIBUTES.failed]: exposure.interleaving.failed,
    }),
  };
}

/** What each user was shown, by which variant: the denominator of every A/B comparison. */
export class ExposureLog {
  private readonly retentionDays: number;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Days an exposure is kept; DATA_RETENTION_DAYS by default, as for events. */
    options: { retentionDays?: number } = {},
  ) {
    this.retentionDays = options.retentionDays ?? dataRetentionDays();
  }

  async record(exposure: Exposure): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...exposureItem(exposure),
            [EXPIRES_AT]: expiresAtSeconds(exposure.servedAtMs, this.retentionDays),
          },
          ConditionExpression: "attribute_not_exists(#sort)",
          ExpressionAttributeNames: { "#sort": EVENT_KEY.sort },
        }),
      );
    } catch (error) {
      // Already recorded by an earlier attempt of this very write: nothing to do.
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    }
  }
}
