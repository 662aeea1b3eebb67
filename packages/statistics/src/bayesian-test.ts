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
 * Chance to win Φ(μ/σ) (1 − that when lower is better), credible interval from normal
 * quantiles, and risk: control μΦ(μ/σ) + σφ(μ/σ), variant −μΦ(−μ/σ) + σφ(μ/σ), with μ oriented
 * so that positive is better.
 */
export function bayesianTest(
  effect: Effect,
  alpha: number,
  options: { prior?: GaussianPrior; lowerIsBetter?: boolean } = {},
): BayesianResult {
  if (effect.degenerate || effect.variance <= 0) return DEGENERATE_BAYESIAN;
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
