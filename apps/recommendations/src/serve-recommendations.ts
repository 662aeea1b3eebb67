import { type InterleavedExposure, type ItemMetadata, sortableId } from "@personalize-ab/adapters";
import { ClientError } from "@personalize-ab/adapters/http";
import { logger, MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import {
  type Experiment,
  explainItem,
  METRICS,
  type RecommendationRequest,
  type RecommendationResponse,
  type RecommendedItem,
  type ServedBasis,
  type ServedStatus,
  type ServingDecision,
  strategyOf,
  type Variant,
} from "@personalize-ab/domain";
import { assignments, catalog, experiments, exposures } from "./clients";
import { type FallbackReason, type Fetched, fetchRecommendations } from "./fetch-recommendations";
import { filterPopularItems } from "./filtered-fallback";
import { filterFor, type RequestFilter } from "./request-filter";

export const FALLBACK_ALGORITHM = "Fallback - Popularity Based";

export interface Served {
  readonly response: RecommendationResponse;
  readonly fallbackReason?: FallbackReason | undefined;
}

/** What Personalize answered, or the fallback: anything but a refused filter. */
export type Answered = Exclude<Fetched, { kind: "refused" }>;

export interface Candidate {
  readonly itemId: string;
  readonly score: number | null;
  /** What is known of why the list holds the item, explained once its metadata is read. */
  readonly basis: ServedBasis;
  /** Personalize's own `reason` for the item, if it gave one. */
  readonly reasons?: readonly string[] | undefined;
}

/** Personalize refused the request's filter: the client's to fix, answered 400 naming the field. */
export function answeredOrRefused(fetched: Fetched): Answered {
  if (fetched.kind !== "refused") return fetched;
  throw new ClientError(400, "invalid_filter", `${fetched.field}: ${fetched.problem}`, [
    { field: fetched.field, problem: fetched.problem },
  ]);
}

/** Starts Personalize for a variant at once; `cancel` drops the call when the guess was wrong. */
function startFetch(variant: Variant, request: RecommendationRequest) {
  const controller = new AbortController();
  return {
    result: fetchRecommendations(variant, request, filterFor(request, variant), controller.signal),
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

/** A variant's Personalize items, each with what explains it. */
export function personalizeCandidates(
  fetched: Extract<Fetched, { kind: "personalize" }>,
  variant: Variant,
  filter: RequestFilter | undefined,
): Candidate[] {
  const basis: ServedBasis = {
    source: "personalize",
    strategy: strategyOf(variant.recipe),
    seed: fetched.seed,
    categoryFiltered: filter?.keepsCategories,
  };
  return fetched.items.map(({ itemId, score, reasons }) => ({ itemId, score, reasons, basis }));
}

const FALLBACK_BASIS: ServedBasis = { source: "fallback" };

/** The precomputed popular list (cached with the config: never a table Scan), filtered if asked. */
export async function fallbackCandidates(request: RecommendationRequest, filter: RequestFilter | undefined) {
  const { popularItems } = await experiments.getPlatformConfig();
  const itemIds = filter
    ? await filterPopularItems(popularItems, filter, request.user_id, request.num_results)
    : popularItems.slice(0, request.num_results);
  const items: Candidate[] = itemIds.map((itemId) => ({ itemId, score: null, basis: FALLBACK_BASIS }));
  return { recommendationId: `fallback-${sortableId()}`, items };
}

/** The items with their catalog metadata and the reason each is there. */
export function enrich(items: readonly Candidate[], metadata: Map<string, ItemMetadata>): RecommendedItem[] {
  return items.map(({ itemId, score, basis, reasons }) => {
    const known = metadata.get(itemId);
    const category = known?.category ?? null;
    return {
      item_id: itemId,
      score,
      category,
      price: known?.price ?? null,
      brand: known?.brand ?? null,
      reason: explainItem(basis, { personalizeReasons: reasons, category }),
    };
  });
}

/** What a request is shown, before enrichment: the exposure's facts. */
export interface Shown {
  readonly variant: string;
  readonly algorithm: string;
  readonly recommendationId: string;
  readonly items: readonly Candidate[];
  readonly source: RecommendationResponse["source"];
  readonly modelVersion?: string | undefined;
  readonly interleaving?: (InterleavedExposure & { readonly variants: readonly string[] }) | undefined;
  /** The experiment's status as served: only an active experiment records the exposure. */
  readonly status: ServedStatus;
}

/**
 * Enriches the items and records the exposure side by side (only while the experiment is
 * active: a paused or completed one measures nothing); the response of what was shown.
 */
export async function respondWith(
  request: RecommendationRequest,
  experiment: Experiment,
  shown: Shown,
): Promise<RecommendationResponse> {
  const { recommendationId, items, source, algorithm, interleaving } = shown;
  const servedAt = Date.now();
  const itemIds = items.map((item) => item.itemId);

  const exposure = (
    shown.status !== "active"
      ? Promise.resolve()
      : exposures.record({
          userId: request.user_id,
          recommendationId,
          testName: experiment.name,
          variant: shown.variant,
          algorithm,
          itemIds,
          source,
          servedAtMs: servedAt,
          modelVersion: shown.modelVersion,
          ...(interleaving && { interleaving: { teams: interleaving.teams, failed: interleaving.failed } }),
        })
  ).catch((error: unknown) => {
    // The user still gets recommendations; the lost exposure is logged and counted.
    logger.error("exposure not recorded", { recommendationId, userId: request.user_id, error });
    metrics.addMetric(METRICS.exposureRecordFailures, MetricUnit.Count, 1);
  });
  const [metadata] = await Promise.all([catalog.findMany(itemIds), exposure]);

  return {
    user_id: request.user_id,
    test_name: experiment.name,
    variant: shown.variant,
    status: shown.status,
    algorithm,
    recommendation_id: recommendationId,
    recommendations: enrich(items, metadata),
    source,
    timestamp: new Date(servedAt).toISOString(),
    ...(interleaving && {
      interleaving: {
        variants: [...interleaving.variants],
        contributed_by: [...interleaving.teams],
        failed: [...interleaving.failed],
      },
    }),
  };
}

/**
 * Assign, recommend, then enrich and record the exposure side by side. A paused or completed
 * experiment serves its fixed variant (the control, the winner) to everyone: no assignment is
 * read or stored and no exposure recorded, since nothing is measured then.
 */
export async function serveRecommendations(
  request: RecommendationRequest,
  experiment: Experiment,
  decision: ServingDecision,
): Promise<Served> {
  const { variant, fetched: result } =
    decision.kind === "fixed"
      ? { variant: decision.variant, fetched: await startFetch(decision.variant, request).result }
      : await assignAndFetch(request, experiment);
  const filter = filterFor(request, variant);
  const fetched = answeredOrRefused(result);
  const { recommendationId, items } =
    fetched.kind === "personalize"
      ? {
          recommendationId: fetched.recommendationId ?? sortableId(),
          items: personalizeCandidates(fetched, variant, filter),
        }
      : await fallbackCandidates(request, filter);
  const source = fetched.kind;
  const response = await respondWith(request, experiment, {
    variant: variant.id,
    algorithm: source === "personalize" ? variant.description : FALLBACK_ALGORITHM,
    recommendationId,
    items,
    source,
    modelVersion: source === "personalize" ? variant.modelVersion : undefined,
    status: decision.status,
  });
  return { response, fallbackReason: fetched.kind === "fallback" ? fetched.reason : undefined };
}
