import { BANDIT_DEFAULTS } from "@personalize-ab/statistics";
import * as z from "zod/mini";

const seconds = z
  .number()
  .check(z.int("must be a whole number of seconds"), z.nonnegative("must be at least 0"));

/**
 * When the bandit may first move the weights and how often after that, in seconds: GrowthBook's
 * one-day exploratory stage and daily schedule. The statistics package's BANDIT_DEFAULTS hold the rest.
 */
export const BANDIT_SCHEDULE_DEFAULTS = { burn_in: 86_400, update_every: 86_400 } as const;

/** Held-out users are the plain split the bandit is measured against; half or more would leave it little to learn from. */
export const MAX_HOLDOUT_SHARE = 0.5;

export const fixedAllocationSchema = z.object({ type: z.literal("fixed") });

/**
 * Thompson-sampling allocation (`experiment-statistics.md`, Bandits). Defaults are filled in when the
 * record is written, so the stored record says exactly what the updater does.
 */
export const banditAllocationSchema = z.object({
  type: z.literal("bandit"),
  /** The metric the bandit optimises: one of the experiment's metrics. */
  metric: z.string().check(z.minLength(1, "must name one of the experiment's metrics")),
  burn_in: z._default(seconds, BANDIT_SCHEDULE_DEFAULTS.burn_in),
  update_every: z._default(
    z.number().check(z.int("must be a whole number of seconds"), z.positive("must be greater than 0")),
    BANDIT_SCHEDULE_DEFAULTS.update_every,
  ),
  /**
   * Every arm's least share, p_i = f + (1 − K·f)·P(best)_i: above 0, since a weight of 0 is one the
   * record refuses (and an arm the bandit could never learn about again); × variants below 1 is
   * checked with the variants (`experiment-rules.ts`).
   */
  floor: z._default(
    z.number().check(z.positive("must be greater than 0"), z.lt(1, "must be less than 1")),
    BANDIT_DEFAULTS.floor,
  ),
  min_users_per_variant: z._default(
    z.number().check(z.int("must be a whole number"), z.nonnegative("must be at least 0")),
    BANDIT_DEFAULTS.min_users_per_variant,
  ),
  winner_probability: z._default(
    z.number().check(z.gt(0.5, "must be greater than 0.5"), z.lte(1, "must be at most 1")),
    BANDIT_DEFAULTS.winner_probability,
  ),
  /** Complete the experiment with the winner once one arm reaches winner_probability. */
  complete_on_winner: z.optional(z.boolean()),
  /** Share of new users held out on fixed uniform weights. */
  holdout: z.optional(
    z
      .number()
      .check(
        z.nonnegative("must be at least 0"),
        z.lt(MAX_HOLDOUT_SHARE, `must be less than ${MAX_HOLDOUT_SHARE}`),
      ),
  ),
});

export const allocationSchema = z.discriminatedUnion("type", [fixedAllocationSchema, banditAllocationSchema]);

export type FixedAllocation = z.infer<typeof fixedAllocationSchema>;
export type BanditAllocation = z.infer<typeof banditAllocationSchema>;
export type Allocation = z.infer<typeof allocationSchema>;

export const FIXED_ALLOCATION: FixedAllocation = { type: "fixed" };
