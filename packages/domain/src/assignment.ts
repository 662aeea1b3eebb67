import { createHash } from "node:crypto";

/** The part of a variant that assignment reads: its id and traffic share, in declared order. */
export interface WeightedVariant {
  readonly id: string;
  readonly weight: number;
}

const BUCKETS = 10_000n;

/**
 * Where a user falls in [0, 1) for a test: md5 of "{userId}-{testName}" (UTF-8) read as a 128-bit
 * integer, mod 10000, divided by 10000 — exactly the recipe's Python router.
 */
export function assignmentPoint(userId: string, testName: string): number {
  const digest = createHash("md5").update(`${userId}-${testName}`, "utf8").digest("hex");
  return Number(BigInt(`0x${digest}`) % BUCKETS) / 10_000;
}

/**
 * Deterministic variant for a user, bit-compatible with the recipe's `assign_variant`: the first
 * variant whose running sum of weights reaches the user's point. The running sum is accumulated in
 * declared order with plain float addition, as Python does, so boundary users land identically.
 */
export function assignVariant<V extends WeightedVariant>(
  userId: string,
  testName: string,
  variants: readonly V[],
): V {
  const first = variants[0];
  if (first === undefined) throw new RangeError("an experiment needs at least one variant");
  const point = assignmentPoint(userId, testName);
  let cumulative = 0;
  for (const variant of variants) {
    cumulative += variant.weight;
    if (point <= cumulative) return variant;
  }
  // Unreachable for weights that sum to 1; the recipe falls back to its first variant too.
  return first;
}
