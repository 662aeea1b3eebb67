import { assignVariant, type RecommendationResponse, type RecommendedItem } from "@personalize-ab/domain";
import { FUNNEL_STEPS } from "./funnel";
import { type GroundTruth, variantTruth } from "./ground-truth";
import type { PlatformClient } from "./platform-client";
import type { SimulationOptions } from "./simulation-options";
import type { UserPlan } from "./user-plan";
import { rateFor } from "./variant-rates";

/** The variant of a user who is one of the share of their variant's users who never reach the platform. */
export function skippedVariant(plan: UserPlan, options: SimulationOptions): string | undefined {
  if (Object.keys(options.skipEnrollment).length === 0) return undefined;
  const variant = assignVariant(plan.userId, options.testName, options.variants).id;
  const share = options.skipEnrollment[variant];
  return share !== undefined && plan.skipDraw < share ? variant : undefined;
}

/** The item a user acts on: the drawn position among the recommended items that have a price. */
function chosenItem(items: readonly RecommendedItem[], draw: number): RecommendedItem | undefined {
  const priced = items.filter((item) => item.price !== null);
  const candidates = priced.length > 0 ? priced : items;
  return candidates[Math.floor(draw * candidates.length)];
}

/** An A/B test's user, enrolled by `served`, goes down the funnel with one of the listed items. */
export async function sendFunnel(
  plan: UserPlan,
  served: RecommendationResponse,
  options: SimulationOptions,
  client: PlatformClient,
  truth: GroundTruth,
): Promise<void> {
  const variant = variantTruth(truth, served.variant);
  variant.users += 1;
  if (served.source === "fallback") variant.fallback_exposures += 1;
  const item = chosenItem(served.recommendations, plan.itemDraw);
  if (!item) return;
  // In funnel order, so a purchase never reaches the platform before its click.
  for (const { eventType } of FUNNEL_STEPS) {
    if (plan.funnelDraw >= rateFor(options.rates[eventType], served.variant)) continue;
    const value = eventType === "purchase" && item.price !== null ? item.price : undefined;
    await client.event({
      user_id: plan.userId,
      event_type: eventType,
      item_id: item.item_id,
      recommendation_id: served.recommendation_id,
      session_id: `${plan.userId}-session`,
      // Derived from the run, so re-running a seed re-sends the same events and none counts twice.
      event_id: `sim-${options.seed}-${plan.userId}-${eventType}`,
      ...(value !== undefined && { event_value: value }),
    });
    const step = variant.events[eventType];
    step.users += 1;
    step.value += value ?? 0;
  }
}
