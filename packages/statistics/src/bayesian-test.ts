import { normalCdf, normalPdf, normalQuantile } from "./distributions";
import type { Effect } from "./effect";

/** A proper Gaussian prior on the effect: N(mean, variance). */
export interface GaussianPrior {
  readonly mean: number;
  readonly variance: number;
}

export interface BayesianResult {
  /** Posterior mean of the effect (the estimate itself under the improper prior). */
  readonly mean: number;
  readonly chance_to_win: number;
  readonly credible_interval: readonly [number, number];
  /** Expected loss of choosing the control, and of choosing the variant. */
  readonly risk: readonly [number, number];
}

/** What the data say when they cannot say anything: a coin flip. */
export const DEGENERATE_BAYESIAN: BayesianResult = {
  mean: 0,
  chance_to_win: 0.5,
  credible_interval: [0, 0],
  risk: [0, 0],
};

/**
 * Gaussian posterior on the effect: N(Δ̂, SE²) under the default improper prior; with a proper
 * prior N(μ₀, σ₀²), precision 1/SE² + 1/σ₀² and mean (Δ̂/SE² + μ₀/σ₀²)/precision.
 */
export function gaussianPosterior(effect: Effect, prior?: GaussianPrior): { mean: number; sd: number } {
  if (!prior) return { mean: effect.estimate, sd: Math.sqrt(effect.variance) };
  const precision = 1 / effect.variance + 1 / prior.variance;
  const mean = (effect.estimate / effect.variance + prior.mean / prior.variance) / precision;
  return { mean, sd: Math.sqrt(1 / precision) };
}

/**
 * A known difference (basis `certain`): any prior gives way to it, the chance to win is 1 or 0,
 * and the loss of choosing the worse side is the whole difference (the σ → 0 limit of the risk).
 */
function certainResult(estimate: number, lowerIsBetter: boolean): BayesianResult {
  const better = lowerIsBetter ? -estimate : estimate;
  return {
    mean: estimate,
    chance_to_win: better > 0 ? 1 : 0,
    credible_interval: [estimate, estimate],
    risk: [Math.max(0, better), Math.max(0, -better)],
  };
}

/**
 * Chance to win Φ(μ/σ) (1 − that when lower is better), credible interval from normal
 * quantiles, and risk: control μΦ(μ/σ) + σφ(μ/σ), variant −μΦ(−μ/σ) + σφ(μ/σ), with μ oriented
 * so that positive is better. An effect without a standard error is answered by its basis.
 */
export function bayesianTest(
  effect: Effect,
  alpha: number,
  options: { prior?: GaussianPrior; lowerIsBetter?: boolean } = {},
): BayesianResult {
  if (effect.basis === "certain") return certainResult(effect.estimate, options.lowerIsBetter ?? false);
  // No difference, or too few users to tell: a coin flip, said as such.
  if (effect.basis !== "estimate") return DEGENERATE_BAYESIAN;
  const { mean, sd } = gaussianPosterior(effect, options.prior);
  const z = normalQuantile(1 - alpha / 2);
  const better = options.lowerIsBetter ? -mean : mean;
  const ratio = better / sd;
  return {
    mean,
    chance_to_win: normalCdf(ratio),
    credible_interval: [mean - z * sd, mean + z * sd],
    risk: [
      better * normalCdf(ratio) + sd * normalPdf(ratio),
      -better * normalCdf(-ratio) + sd * normalPdf(ratio),
    ],
  };
}
