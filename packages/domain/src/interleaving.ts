import { createHash } from "node:crypto";

/**
 * How an experiment compares its variants. `ab` splits users between variants by weight;
 * `interleaving` shows every user one list drawn from all variants by team draft and credits each
 * click to the variant that contributed the item, so weights do not split traffic.
 */
export const EXPERIMENT_KINDS = ["ab", "interleaving"] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

/** Records written before kinds existed are A/B tests. */
export function kindOf(experiment: { readonly kind?: ExperimentKind | undefined }): ExperimentKind {
  return experiment.kind ?? "ab";
}

/** The `variant` of a response and an exposure whose list interleaves the variants. */
export const INTERLEAVED_VARIANT = "interleaved";

/** How the ids of interleaved lists begin: the results read the clicks on them by it. */
export const INTERLEAVED_RECOMMENDATION_PREFIX = "interleaved-";

/**
 * The event types that credit a listed item to the variant that contributed it: any interaction
 * of the user with the item (the sample data's types, and a plain `click`). An item counts once
 * per impression however many of these it gets, so a view followed by a purchase is one click.
 */
export const INTERLEAVING_CLICK_EVENT_TYPES: readonly string[] = [
  "click",
  "view",
  "add_to_cart",
  "like",
  "share",
  "purchase",
];

/**
 * The coin of one interleaved list: uniform numbers in [0, 1) drawn from md5 of the recommendation
 * id and a counter, so the list a recommendation id names can be rebuilt exactly.
 */
export function interleavingCoin(recommendationId: string): () => number {
  let draw = 0;
  return () => {
    const digest = createHash("md5").update(`${recommendationId}#${draw++}`, "utf8").digest();
    // 48 bits: exact in a double.
    return digest.readUIntBE(0, 6) / 2 ** 48;
  };
}

/** Where a variant of an interleaved list failed, and why (a fallback reason of the serving path). */
export interface FailedVariant {
  readonly variant: string;
  readonly reason: string;
}
