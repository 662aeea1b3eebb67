import { studentTCdf, studentTQuantile } from "./distributions";
import { sampleVariance } from "./variant-summary";

/** One user's credited impressions for a pair of rankers (impressions with at least one click). */
export interface UserCredits {
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
}

/**
 * A pair's sufficient statistics over users: each user with a credited impression counted once,
 * by their preference (wins − losses)/(wins + losses + ties). Sums can be added and subtracted,
 * so a counter can keep them as users' credits change.
 */
export interface PreferenceSums {
  readonly users: number;
  readonly sum: number;
  readonly sum_squares: number;
  /** Users whose own preference is positive, negative, zero. */
  readonly prefer_a: number;
  readonly prefer_b: number;
  readonly prefer_neither: number;
}

export interface PreferenceResult {
  /** Users with at least one clicked impression: the sample size of the test. */
  readonly users: number;
  /** Mean over users of (wins − losses)/(wins + losses + ties): +1 always A, −1 always B. */
  readonly preference: number;
  readonly ci: readonly [number, number];
  readonly p_value: number;
  readonly significant: boolean;
  /** Users whose own preference is positive, negative, zero. */
  readonly users_preferring: { readonly a: number; readonly b: number; readonly neither: number };
}

/** A user's preference for A over B: share of wins minus share of losses over clicked impressions. */
export function userPreference(credits: UserCredits): number | null {
  const total = credits.wins + credits.losses + credits.ties;
  return total > 0 ? (credits.wins - credits.losses) / total : null;
}

/** The sums over users, in their order; users without a credited impression add nothing. */
export function preferenceSumsOf(perUser: readonly UserCredits[]): PreferenceSums {
  let users = 0;
  let sum = 0;
  let sum_squares = 0;
  let prefer_a = 0;
  let prefer_b = 0;
  let prefer_neither = 0;
  for (const credits of perUser) {
    const preference = userPreference(credits);
    if (preference === null) continue;
    users++;
    sum += preference;
    sum_squares += preference * preference;
    if (preference > 0) prefer_a++;
    else if (preference < 0) prefer_b++;
    else prefer_neither++;
  }
  return { users, sum, sum_squares, prefer_a, prefer_b, prefer_neither };
}

/**
 * The paired analysis over users, not clicks: each user is one observation (their preference),
 * so a heavy clicker cannot outvote everyone else and the test's independence assumption holds.
 * Mean with a t interval and a one-sample t test of "no preference" with users − 1 df; with
 * fewer than two users or no spread, unanimous and non-zero is significant (p = 0).
 */
export function preferenceOfSums(sums: PreferenceSums, alpha = 0.05): PreferenceResult {
  const n = sums.users;
  const users_preferring = { a: sums.prefer_a, b: sums.prefer_b, neither: sums.prefer_neither };
  const mean = n > 0 ? sums.sum / n : 0;
  // Equal preferences summed (or added and removed) leave rounding, not spread: sampleVariance reads it as 0.
  const variance = sampleVariance(n, sums.sum, sums.sum_squares);
  if (n < 2 || variance <= 0) {
    // Every user agrees: unanimous and non-zero is as strong as evidence gets, but needs two users.
    const unanimous = n >= 2 && mean !== 0;
    return {
      users: n,
      preference: mean,
      ci: [mean, mean],
      p_value: unanimous ? 0 : 1,
      significant: unanimous,
      users_preferring,
    };
  }
  const se = Math.sqrt(variance / n);
  const p = Math.min(1, 2 * (1 - studentTCdf(Math.abs(mean / se), n - 1)));
  const halfWidth = studentTQuantile(1 - alpha / 2, n - 1) * se;
  return {
    users: n,
    preference: mean,
    ci: [mean - halfWidth, mean + halfWidth],
    p_value: p,
    significant: p < alpha,
    users_preferring,
  };
}

/** `preferenceOfSums` of the users' credits. */
export function interleavingPreference(perUser: readonly UserCredits[], alpha = 0.05): PreferenceResult {
  return preferenceOfSums(preferenceSumsOf(perUser), alpha);
}
