import { studentTCdf, studentTQuantile } from "./distributions";

/** One user's credited impressions for a pair of rankers (impressions with at least one click). */
export interface UserCredits {
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
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

/**
 * The paired analysis over users, not clicks: each user is one observation (their preference),
 * so a heavy clicker cannot outvote everyone else and the test's independence assumption holds.
 * Mean with a t interval and a one-sample t test of "no preference" with users − 1 df.
 */
export function interleavingPreference(perUser: readonly UserCredits[], alpha = 0.05): PreferenceResult {
  const values = perUser.map(userPreference).filter((value): value is number => value !== null);
  const n = values.length;
  const users_preferring = {
    a: values.filter((value) => value > 0).length,
    b: values.filter((value) => value < 0).length,
    neither: values.filter((value) => value === 0).length,
  };
  const mean = n > 0 ? values.reduce((sum, value) => sum + value, 0) / n : 0;
  const variance = n > 1 ? values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1) : 0;
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
