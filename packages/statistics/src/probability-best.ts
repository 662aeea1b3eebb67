import { normalCdf } from "./distributions";
import { cachedNormalQuadratureRule } from "./gauss-hermite";

/** An arm's Gaussian posterior on its metric: mean and standard deviation. */
export interface ArmPosterior {
  readonly mean: number;
  readonly sd: number;
}

/** Enough nodes that posteriors of very different widths still integrate to 1e-9. */
export const PROBABILITY_BEST_ORDER = 96;

/**
 * P(arm k is best) for independent Gaussian arms, deterministically:
 * w_k = ∫ φ(t) ∏_{i≠k} Φ((m_k + t·s_k − m_i)/s_i) dt by Gauss–Hermite quadrature.
 * An arm with sd 0 is a point mass; lower-is-better metrics pass negated means.
 */
export function probabilityBest(arms: readonly ArmPosterior[], order = PROBABILITY_BEST_ORDER): number[] {
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const { nodes, weights } = cachedNormalQuadratureRule(order);
  const raw = arms.map((arm, k) => {
    let total = 0;
    for (let j = 0; j < nodes.length; j++) {
      const value = arm.mean + nodes[j]! * arm.sd;
      let product = 1;
      for (let i = 0; i < arms.length; i++) {
        if (i === k) continue;
        const other = arms[i]!;
        product *= other.sd > 0 ? normalCdf((value - other.mean) / other.sd) : value > other.mean ? 1 : 0;
        if (product === 0) break;
      }
      total += weights[j]! * product;
    }
    return total;
  });
  // Quadrature error and ties between point masses: make the shares a distribution.
  const sum = raw.reduce((a, b) => a + b, 0);
  return sum > 0 ? raw.map((value) => value / sum) : arms.map(() => 1 / arms.length);
}
