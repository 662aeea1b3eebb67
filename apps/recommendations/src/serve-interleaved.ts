import { sortableId } from "@personalize-ab/adapters";
import { logger, MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import {
  type Experiment,
  type FailedVariant,
  INTERLEAVED_RECOMMENDATION_PREFIX,
  INTERLEAVED_VARIANT,
  METRICS,
  type RecommendationRequest,
} from "@personalize-ab/domain";
import { type FallbackReason, fetchRecommendations } from "./fetch-recommendations";
import { interleavedList, type RankedBy } from "./interleaved-list";
import { filterFor } from "./request-filter";
import {
  answeredOrRefused,
  FALLBACK_ALGORITHM,
  fallbackCandidates,
  personalizeCandidates,
  respondWith,
  type Served,
} from "./serve-recommendations";

// Nothing cancels a variant's call: each has the same time budget, started at the same moment.
const NEVER = new AbortController().signal;

/**
 * An interleaving experiment's list: every variant asked at once, their lists drawn into one by
 * team draft. A failed variant leaves the others' lists (a single survivor's list as it is); with
 * none left, the popular fallback. The exposure records who contributed each item and who failed.
 */
export async function serveInterleaved(
  request: RecommendationRequest,
  experiment: Experiment,
): Promise<Served> {
  const fetched = await Promise.all(
    experiment.variants.map((variant) =>
      fetchRecommendations(variant, request, filterFor(request, variant), NEVER),
    ),
  );
  const ranked: RankedBy[] = [];
  const failed: (FailedVariant & { readonly reason: FallbackReason })[] = [];
  // A filter one variant's campaign refuses is refused for the whole request.
  fetched.map(answeredOrRefused).forEach((result, index) => {
    const variant = experiment.variants[index]!;
    if (result.kind === "personalize") {
      ranked.push({
        variant: variant.id,
        items: personalizeCandidates(result, variant, filterFor(request, variant)),
      });
    } else failed.push({ variant: variant.id, reason: result.reason });
  });
  if (failed.length > 0) {
    logger.warn("interleaving without failed variants", { testName: experiment.name, failed });
    metrics.addMetric(METRICS.interleavingVariantFailures, MetricUnit.Count, failed.length);
  }

  const source = ranked.length > 0 ? "personalize" : "fallback";
  const { recommendationId, items, teams } =
    source === "personalize"
      ? // Our own id (at most 40 characters, as events carry it): each variant's call returned its own.
        interleavedList(ranked, `${INTERLEAVED_RECOMMENDATION_PREFIX}${sortableId()}`, request.num_results)
      : {
          // The request's filter, else the first variant's (the control's): the popular list stands in for it.
          ...(await fallbackCandidates(request, filterFor(request, experiment.variants[0]!))),
          teams: [],
        };
  const response = await respondWith(request, experiment, {
    variant: INTERLEAVED_VARIANT,
    algorithm:
      source === "personalize"
        ? `Team-draft interleaving of ${ranked.map(({ variant }) => variant).join(", ")}`
        : FALLBACK_ALGORITHM,
    recommendationId,
    items,
    source,
    interleaving: { variants: experiment.variants.map((variant) => variant.id), teams, failed },
    // Only an active interleaving experiment is interleaved; paused and completed serve one variant.
    status: "active",
  });
  return { response, fallbackReason: source === "fallback" ? failed[0]!.reason : undefined };
}
