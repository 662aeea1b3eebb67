import { type ItemMetadata, sortableId } from "@personalize-ab/adapters";
import { logger, MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import {
  type Experiment,
  METRICS,
  type RecommendationRequest,
  type RecommendationResponse,
  type RecommendedItem,
  type Variant,
} from "@personalize-ab/domain";
import { assignments, catalog, experiments, exposures } from "./clients";
import { type FallbackReason, type Fetched, fetchRecommendations } from "./fetch-recommendations";

export const FALLBACK_ALGORITHM = "Fallback - Popularity Based";

export interface Served {
  readonly response: RecommendationResponse;
  readonly fallbackReason?: FallbackReason | undefined;
}

interface Candidate {
  readonly itemId: string;
  readonly score: number | null;
}

/** Starts Personalize for a variant at once; `cancel` drops the call when the guess was wrong. */
function startFetch(variant: Variant, request: RecommendationRequest) {
  const controller = new AbortController();
  return {
    result: fetchRecommendations(variant, request, controller.signal),
    cancel: () => controller.abort(),
  };
}

/**
 * The variant and what it recommends, in one network wait for a returning user: the hash predicts
 * the variant before the stored assignment is read, so Personalize is asked beside that read; only
 * a stored variant that differs (weights changed since) costs a second call.
 */
async function assignAndFetch(request: RecommendationRequest, experiment: Experiment) {
  const predicted = assignments.predict(request.user_id, experiment);
  const guess = startFetch(predicted, request);
  let variant: Variant;
  try {
    ({ variant } = await assignments.resolve(request.user_id, experiment));
  } catch (error) {
    guess.cancel();
    throw error;
  }
  if (variant.id === predicted.id) return { variant, fetched: await guess.result };
  guess.cancel();
  logger.info("stored variant differs from the hash", { predicted: predicted.id, stored: variant.id });
  return { variant, fetched: await startFetch(variant, request).result };
}

async function candidatesOf(fetched: Fetched, numResults: number) {
  if (fetched.kind === "personalize") {
    return { recommendationId: fetched.recommendationId ?? sortableId(), items: fetched.items };
  }
  // Precomputed by the pipeline and cached with the config: never a table Scan.
  const { popularItems } = await experiments.getPlatformConfig();
  const items: Candidate[] = popularItems.slice(0, numResults).map((itemId) => ({ itemId, score: null }));
  return { recommendationId: `fallback-${sortableId()}`, items };
}

function enrich(items: readonly Candidate[], metadata: Map<string, ItemMetadata>): RecommendedItem[] {
  return items.map(({ itemId, score }) => {
    const known = metadata.get(itemId);
    return {
      item_id: itemId,
      score,
      category: known?.category ?? null,
      price: known?.price ?? null,
      brand: known?.brand ?? null,
    };
  });
}

/** Assign, recommend, then enrich and record the exposure side by side. */
export async function serveRecommendations(
  request: RecommendationRequest,
  experiment: Experiment,
): Promise<Served> {
  const { variant, fetched } = await assignAndFetch(request, experiment);
  const { recommendationId, items } = await candidatesOf(fetched, request.num_results);
  const source = fetched.kind;
  const algorithm = source === "personalize" ? variant.description : FALLBACK_ALGORITHM;
  const servedAt = Date.now();
  const itemIds = items.map((item) => item.itemId);

  const exposure = exposures
    .record({
      userId: request.user_id,
      recommendationId,
      testName: experiment.name,
      variant: variant.id,
      algorithm,
      itemIds,
      source,
      servedAtMs: servedAt,
      modelVersion: source === "personalize" ? variant.modelVersion : undefined,
    })
    .catch((error: unknown) => {
      // The user still gets recommendations; the lost exposure is logged and counted.
      logger.error("exposure not recorded", { recommendationId, userId: request.user_id, error });
      metrics.addMetric(METRICS.exposureRecordFailures, MetricUnit.Count, 1);
    });
  const [metadata] = await Promise.all([catalog.findMany(itemIds), exposure]);

  return {
    response: {
      user_id: request.user_id,
      test_name: experiment.name,
      variant: variant.id,
      algorithm,
      recommendation_id: recommendationId,
      recommendations: enrich(items, metadata),
      source,
      timestamp: new Date(servedAt).toISOString(),
    },
    fallbackReason: fetched.kind === "fallback" ? fetched.reason : undefined,
  };
}
