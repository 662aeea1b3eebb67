import type { RecommendationResponse } from "@personalize-ab/domain";
import type { ShownList } from "./interleaving-truth";
import { type PlatformClient, PlatformRequestError } from "./platform-client";
import type { SimulationOptions } from "./simulation-options";
import type { UserPlan } from "./user-plan";
import { rateFor } from "./variant-rates";

/** Who contributed each listed item, checked against the list: a mismatch is the platform's fault. */
function contributorsOf(served: RecommendationResponse, positions: number): readonly string[] {
  const { recommendations, interleaving, source } = served;
  if (!interleaving)
    throw new PlatformRequestError(
      `${served.recommendation_id}: an interleaved answer without "interleaving"`,
    );
  const contributedBy = interleaving.contributed_by;
  const fitsList =
    source === "fallback" ? contributedBy.length === 0 : contributedBy.length === recommendations.length;
  if (!fitsList || recommendations.length > positions) {
    throw new PlatformRequestError(
      `${served.recommendation_id}: ${recommendations.length} items (asked for ${positions}) and ${contributedBy.length} contributors`,
    );
  }
  return contributedBy;
}

/**
 * A user shown an interleaved list clicks each listed item independently, with the click rate of
 * the variant that contributed it; the item at position p is clicked when the user's draw for p is
 * below that rate. Fallback items (every variant failed) have no contributor and get no click.
 */
export async function clickInterleavedList(
  plan: UserPlan,
  served: RecommendationResponse,
  options: SimulationOptions,
  client: PlatformClient,
): Promise<ShownList> {
  const contributedBy = contributorsOf(served, plan.positionDraws.length);
  const itemIds = served.recommendations.map((item) => item.item_id);
  const clickedItemIds: string[] = [];
  for (const [position, variant] of contributedBy.entries()) {
    if (plan.positionDraws[position]! >= rateFor(options.itemClick, variant)) continue;
    await client.event({
      user_id: plan.userId,
      event_type: "click",
      item_id: itemIds[position]!,
      recommendation_id: served.recommendation_id,
      session_id: `${plan.userId}-session`,
      // Derived from the run and the position, so re-running a seed re-sends ids already stored.
      event_id: `sim-${options.seed}-${plan.userId}-click-${position + 1}`,
    });
    clickedItemIds.push(itemIds[position]!);
  }
  return {
    userIndex: plan.index,
    variants: served.interleaving!.variants,
    itemIds,
    contributedBy,
    failed: served.interleaving!.failed.map(({ variant }) => variant),
    fromFallback: served.source === "fallback",
    clickedItemIds,
  };
}
