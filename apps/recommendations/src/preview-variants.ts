import {
  type Experiment,
  type ExperimentPreviewRequest,
  type ExperimentPreviewResponse,
  INTERLEAVED_VARIANT,
  kindOf,
  type PreviewAssignment,
  type PreviewedVariant,
  servingDecision,
  strategyOf,
  type Variant,
} from "@personalize-ab/domain";
import { assignments, catalog } from "./clients";
import { fetchRecommendations } from "./fetch-recommendations";
import { filterFor } from "./request-filter";
import {
  type Candidate,
  enrich,
  FALLBACK_ALGORITHM,
  fallbackCandidates,
  personalizeCandidates,
} from "./serve-recommendations";

// A preview is never cancelled: each variant's call has the serving time budget, all started at once.
const NEVER = new AbortController().signal;

/** Where the user is in the experiment, read only: nothing is stored. */
async function placementOf(
  userId: string,
  experiment: Experiment,
): Promise<{ variant: string; assignment: PreviewAssignment }> {
  // A draft serves nobody yet: the variant the hash will give the user once it is started.
  if (experiment.status === "draft") {
    return { variant: assignments.predict(userId, experiment).id, assignment: "would_assign" };
  }
  const decision = servingDecision(experiment);
  if (decision.kind === "fixed") return { variant: decision.variant.id, assignment: "fixed" };
  if (kindOf(experiment) === "interleaving")
    return { variant: INTERLEAVED_VARIANT, assignment: "interleaved" };
  const { variant, stored } = await assignments.current(userId, experiment);
  return { variant: variant.id, assignment: stored ? "stored" : "would_assign" };
}

type Drawn = Omit<PreviewedVariant, "recommendations"> & { readonly items: readonly Candidate[] };

/** One variant's list as POST /recommendations draws it: its campaign, else the fallback. */
async function drawVariant(request: ExperimentPreviewRequest, variant: Variant): Promise<Drawn> {
  const filter = filterFor(request, variant);
  const fetched = await fetchRecommendations(variant, request, filter, NEVER);
  const described = { variant: variant.id, recipe: variant.recipe, strategy: strategyOf(variant.recipe) };
  if (fetched.kind === "refused") {
    return {
      ...described,
      algorithm: variant.description,
      source: "refused",
      error: { code: "invalid_filter", field: fetched.field, problem: fetched.problem },
      items: [],
    };
  }
  if (fetched.kind === "personalize") {
    return {
      ...described,
      algorithm: variant.description,
      source: "personalize",
      items: personalizeCandidates(fetched, variant, filter),
    };
  }
  const { items } = await fallbackCandidates(request, filter);
  return {
    ...described,
    algorithm: FALLBACK_ALGORITHM,
    source: "fallback",
    fallback_reason: fetched.reason,
    items,
  };
}

/**
 * What each variant would recommend the user, and the user's variant, fetched in parallel and
 * enriched in one catalog read. Writes nothing: no assignment, no exposure, no event.
 */
export async function previewExperiment(
  request: ExperimentPreviewRequest,
  experiment: Experiment,
): Promise<ExperimentPreviewResponse> {
  const [placement, drawn] = await Promise.all([
    placementOf(request.user_id, experiment),
    Promise.all(experiment.variants.map((variant) => drawVariant(request, variant))),
  ]);
  const metadata = await catalog.findMany(drawn.flatMap(({ items }) => items.map((item) => item.itemId)));
  return {
    test_name: experiment.name,
    user_id: request.user_id,
    status: experiment.status,
    assigned_variant: placement.variant,
    assignment: placement.assignment,
    variants: drawn.map(({ items, ...variant }) => ({
      ...variant,
      recommendations: enrich(items, metadata),
    })),
  };
}
