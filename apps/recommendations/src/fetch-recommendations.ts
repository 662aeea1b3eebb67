import type { PersonalizeRecommendations } from "@personalize-ab/adapters";
import { logger } from "@personalize-ab/adapters/powertools";
import { type RecommendationRequest, strategyOf, type Variant } from "@personalize-ab/domain";
import { history, recommender, timeBudgetMs } from "./clients";

export type FallbackReason =
  | "no_campaign"
  | "no_seed_item"
  | "seed_item_lookup_failed"
  | "personalize_error"
  | "timeout"
  | "no_results";

export type Fetched =
  | ({ readonly kind: "personalize" } & PersonalizeRecommendations)
  | { readonly kind: "fallback"; readonly reason: FallbackReason };

// Expected until a campaign is trained or a user has history: not worth a warning each time.
const ROUTINE: readonly FallbackReason[] = ["no_campaign", "no_seed_item", "no_results"];

function fallback(reason: FallbackReason, context: Record<string, unknown>, error?: unknown): Fetched {
  const details = { reason, ...context, ...(error !== undefined && { error }) };
  if (ROUTINE.includes(reason)) logger.info("serving the fallback", details);
  else logger.warn("serving the fallback", details);
  return { kind: "fallback", reason };
}

/** The item SIMS finds similar items for: the request's, else the user's most recent interaction. */
async function seedItem(request: RecommendationRequest): Promise<string | undefined> {
  return request.item_id ?? (await history.lastInteractedItem(request.user_id));
}

/**
 * Personalize's recommendations for a variant, or why the fallback must serve instead. Never
 * rejects: a call started on a guess may be cancelled (`cancel`) and its outcome dropped.
 */
export async function fetchRecommendations(
  variant: Variant,
  request: RecommendationRequest,
  cancel: AbortSignal,
): Promise<Fetched> {
  const context = { userId: request.user_id, variant: variant.id, campaignArn: variant.campaignArn };
  if (!variant.campaignArn) return fallback("no_campaign", context);

  let itemId: string | undefined;
  if (strategyOf(variant.recipe) === "similar-items") {
    try {
      itemId = await seedItem(request);
    } catch (error) {
      return fallback("seed_item_lookup_failed", context, error);
    }
    if (itemId === undefined) return fallback("no_seed_item", context);
  }

  const budget = AbortSignal.timeout(timeBudgetMs);
  try {
    const result = await recommender.recommend(
      {
        campaignArn: variant.campaignArn,
        userId: request.user_id,
        itemId,
        numResults: request.num_results,
        context: request.context,
      },
      AbortSignal.any([cancel, budget]),
    );
    if (result.items.length === 0) return fallback("no_results", context);
    return { kind: "personalize", ...result };
  } catch (error) {
    if (cancel.aborted) return { kind: "fallback", reason: "personalize_error" };
    return budget.aborted
      ? fallback("timeout", { ...context, timeBudgetMs })
      : fallback("personalize_error", context, error);
  }
}
