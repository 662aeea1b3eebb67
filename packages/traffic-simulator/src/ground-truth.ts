import { FUNNEL_STEPS, type FunnelEventType } from "./funnel";
import type { InterleavingTruth } from "./interleaving-truth";

export interface StepTruth {
  /** Users who sent this event (each sends it at most once). */
  users: number;
  /** Sum of the event values sent (the item prices, for purchases). */
  value: number;
}

export interface VariantTruth {
  /** Users enrolled: answered by /recommendations with this variant. */
  users: number;
  /** Users the hash put in this variant who were never sent (--skip-enrollment). */
  skipped_users: number;
  /** Recommendation responses served from the popular-items fallback. */
  fallback_exposures: number;
  events: Record<FunnelEventType, StepTruth>;
}

/** Exactly what the simulator sent to an A/B test, per variant. */
export interface GroundTruth {
  readonly kind: "ab";
  readonly test_name: string;
  readonly seed: number;
  readonly variants: Record<string, VariantTruth>;
}

/** What a run sent: to an A/B test, or to an interleaving experiment. */
export type SimulationTruth = GroundTruth | InterleavingTruth;

function emptyVariant(): VariantTruth {
  return {
    users: 0,
    skipped_users: 0,
    fallback_exposures: 0,
    events: Object.fromEntries(
      FUNNEL_STEPS.map(({ eventType }) => [eventType, { users: 0, value: 0 }]),
    ) as Record<FunnelEventType, StepTruth>,
  };
}

export function variantTruth(truth: GroundTruth, variant: string): VariantTruth {
  truth.variants[variant] ??= emptyVariant();
  return truth.variants[variant];
}
