import type { PersonalizeRecommendations } from "@personalize-ab/adapters";
import { logger } from "@personalize-ab/adapters/powertools";
import { type RecommendationRequest, type SeedItem, strategyOf, type Variant } from "@personalize-ab/domain";
import { experiments, history, recommender, timeBudgetMs } from "./clients";
import type { RequestFilter } from "./request-filter";

export type FallbackReason =
  | "no_campaign"
  | "no_seed_item"
  | "seed_item_lookup_failed"
  | "personalize_error"
  | "timeout"
  | "no_results"
  | "filter_not_deployed";

export type Fetched =
  | ({ readonly kind: "personalize"; readonly seed?: SeedItem | undefined } & PersonalizeRecommendations)
  | { readonly kind: "fallback"; readonly reason: FallbackReason }
  /** Personalize refused the filter or its values (InvalidInputException): the client's to fix. */
  | { readonly kind: "refused"; readonly field: "filter" | "filter_values"; readonly problem: string };

// Expected until a campaign is trained or a user has history: not worth a warning each time.
const ROUTINE: readonly FallbackReason[] = ["no_campaign", "no_seed_item", "no_results"];

function fallback(reason: FallbackReason, context: Record<string, unknown>, error?: unknown): Fetched {
  const details = { reason, ...context, ...(error !== undefined && { error }) };
  if (ROUTINE.includes(reason)) logger.info("serving the fallback", details);
  else logger.warn("serving the fallback", details);
  return { kind: "fallback", reason };
}

/** Personalize names the field in InvalidInputException's message; only the field reaches the client. */
function refusal(
  error: unknown,
  filter: RequestFilter | undefined,
  context: Record<string, unknown>,
): Fetched | undefined {
  if (filter === undefined || (error as Error).name !== "InvalidInputException") return undefined;
  logger.info("Personalize refused the filter", { ...context, filter: filter.name, error });
  return /filterValues/i.test((error as Error).message)
    ? {
        kind: "refused",
        field: "filter_values",
        problem: `Personalize refused the values of the ${filter.name} filter`,
      }
    : { kind: "refused", field: "filter", problem: `Personalize refused the ${filter.name} filter` };
}

/** The item SIMS finds similar items for: the request's, else the user's most recent interaction. */
async function seedItem(request: RecommendationRequest): Promise<SeedItem | undefined> {
  if (request.item_id !== undefined) return { itemId: request.item_id };
  return history.lastInteraction(request.user_id);
}

/**
 * Personalize's recommendations for a variant, or why the fallback must serve instead. Never
 * rejects: a call started on a guess may be cancelled (`cancel`) and its outcome dropped.
 */
export async function fetchRecommendations(
  variant: Variant,
  request: RecommendationRequest,
  filter: RequestFilter | undefined,
  cancel: AbortSignal,
): Promise<Fetched> {
  const context = { userId: request.user_id, variant: variant.id, campaignArn: variant.campaignArn };
  if (!variant.campaignArn) return fallback("no_campaign", context);
  let filterArn: string | undefined;
  if (filter) {
    // Cached with the config; a filter the pipeline has not created yet cannot be asked of Personalize.
    filterArn = (await experiments.getPlatformConfig()).filterArns[filter.name];
    if (filterArn === undefined) return fallback("filter_not_deployed", { ...context, filter: filter.name });
  }

  let seed: SeedItem | undefined;
  if (strategyOf(variant.recipe) === "similar-items") {
    try {
      seed = await seedItem(request);
    } catch (error) {
      return fallback("seed_item_lookup_failed", context, error);
    }
    if (seed === undefined) return fallback("no_seed_item", context);
  }

  const budget = AbortSignal.timeout(timeBudgetMs);
  try {
    const result = await recommender.recommend(
      {
        campaignArn: variant.campaignArn,
        userId: request.user_id,
        itemId: seed?.itemId,
        numResults: request.num_results,
        context: request.context,
        filter: filterArn === undefined ? undefined : { arn: filterArn, values: filter?.personalizeValues },
      },
      AbortSignal.any([cancel, budget]),
    );
    if (result.items.length === 0) return fallback("no_results", context);
    return { kind: "personalize", seed, ...result };
  } catch (error) {
    if (cancel.aborted) return { kind: "fallback", reason: "personalize_error" };
    const refused = refusal(error, filter, context);
    if (refused) return refused;
    return budget.aborted
      ? fallback("timeout", { ...context, timeBudgetMs })
      : fallback("personalize_error", context, error);
  }
}
