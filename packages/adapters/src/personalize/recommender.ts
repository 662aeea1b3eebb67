import {
  GetRecommendationsCommand,
  type GetRecommendationsCommandInput,
  PersonalizeRuntimeClient,
} from "@aws-sdk/client-personalize-runtime";
import { ENV } from "@personalize-ab/domain";
import { createAwsClient } from "../clients/aws-client";
import { CLIENT_BUDGETS } from "../clients/client-budgets";
import { personalizeTimeoutMs } from "./time-budget";

/** PERSONALIZE_RUNTIME_ENDPOINT points it at a local stand-in. */
export function createPersonalizeRuntimeClient(
  env: NodeJS.ProcessEnv = process.env,
): PersonalizeRuntimeClient {
  // One retry at most: the time budget, not the retry count, bounds how long a request waits.
  const budget = { ...CLIENT_BUDGETS.personalizeRuntime, requestTimeoutMs: personalizeTimeoutMs(env) };
  return createAwsClient(PersonalizeRuntimeClient, budget, {
    endpointVar: ENV.personalizeRuntimeEndpoint,
    env,
  });
}

export interface RecommendationQuery {
  readonly campaignArn: string;
  readonly userId: string;
  /** The item similar items are sought for (SIMS campaigns). */
  readonly itemId?: string | undefined;
  readonly numResults: number;
  readonly context?: Readonly<Record<string, string>> | undefined;
  /** A Personalize filter and its values, already in Personalize's format (JSON-quoted strings). */
  readonly filter?:
    | { readonly arn: string; readonly values?: Readonly<Record<string, string>> | undefined }
    | undefined;
}

export interface PersonalizedItem {
  readonly itemId: string;
  readonly score: number | null;
  /** Personalize's `reason` strings for the item (User-Personalization-v2), as given. */
  readonly reasons: readonly string[];
}

export interface PersonalizeRecommendations {
  readonly recommendationId: string | undefined;
  readonly items: readonly PersonalizedItem[];
}

export function getRecommendationsInput(query: RecommendationQuery): GetRecommendationsCommandInput {
  return {
    campaignArn: query.campaignArn,
    userId: query.userId,
    numResults: query.numResults,
    ...(query.itemId !== undefined && { itemId: query.itemId }),
    ...(query.context && Object.keys(query.context).length > 0 && { context: { ...query.context } }),
    ...(query.filter && { filterArn: query.filter.arn }),
    ...(query.filter?.values &&
      Object.keys(query.filter.values).length > 0 && {
        filterValues: { ...query.filter.values },
      }),
  };
}

/** GetRecommendations on a campaign; the caller's signal carries the time budget. */
export class PersonalizeRecommender {
  constructor(private readonly client: PersonalizeRuntimeClient) {}

  async recommend(query: RecommendationQuery, signal: AbortSignal): Promise<PersonalizeRecommendations> {
    const output = await this.client.send(new GetRecommendationsCommand(getRecommendationsInput(query)), {
      abortSignal: signal,
    });
    const items = (output.itemList ?? []).flatMap((item) =>
      item.itemId ? [{ itemId: item.itemId, score: item.score ?? null, reasons: item.reason ?? [] }] : [],
    );
    return { recommendationId: output.recommendationId, items };
  }
}
