/**
 * The probability distributions every test here needs, from stdlib's maintained implementations,
 * behind one module so callers never depend on the library's call shapes.
 */
import chiSquareCdfOf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdfOf from "@stdlib/stats-base-dists-normal-cdf";
import normalPdfOf from "@stdlib/stats-base-dists-normal-pdf";
import normalQuantileOf from "@stdlib/stats-base-dists-normal-quantile";
import studentTCdfOf from "@stdlib/stats-base-dists-t-cdf";
import studentTQuantileOf from "@stdlib/stats-base-dists-t-quantile";

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return normalCdfOf(x, 0, 1);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return normalPdfOf(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return normalQuantileOf(p, 0, 1);
}

/** Student's t CDF with ν degrees of freedom. */
export function studentTCdf(x: number, degreesOfFreedom: number): number {
  return studentTCdfOf(x, degreesOfFreedom);
}

/** Student's t quantile with ν degrees of freedom. */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  return studentTQuantileOf(p, degreesOfFreedom);
}

/** Upper tail of the χ² distribution: the p-value of a statistic with k degrees of freedom. */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  return 1 - chiSquareCdfOf(statistic, degreesOfFreedom);
}
