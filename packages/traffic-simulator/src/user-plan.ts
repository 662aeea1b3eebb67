import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** What chance decides for one synthetic user, drawn before any request so concurrency cannot change it. */
export interface UserPlan {
  /** The user's place in the run, from 0: the truth is put together in this order. */
  readonly index: number;
  readonly userId: string;
  /** One uniform draw for the whole funnel: a step is taken when it is below the step's rate, so
   *  each step's marginal rate is exactly its rate and purchasers are a subset of clickers when
   *  the rates decrease along the funnel. */
  readonly funnelDraw: number;
  /** Which of the recommended items the user acts on, as a fraction of the list. */
  readonly itemDraw: number;
  /** Decides whether a user of a variant with --skip-enrollment is one of the lost ones. */
  readonly skipDraw: number;
  /** Interleaving: one uniform per list position (of --num-results), whatever items the platform
   *  lists there; the item at a position is clicked when its draw is below its contributor's rate. */
  readonly positionDraws: readonly number[];
}

export function userIdOf(prefix: string, index: number): string {
  return `${prefix}${String(index + 1).padStart(5, "0")}`;
}

/**
 * Every user's draws, in index order, from one generator seeded with `seed`. The position draws
 * come from the same generator jumped 2^64 steps ahead, an independent stream, so adding them left
 * the funnel draws of every seed as they were.
 */
export function planUsers(seed: number, users: number, prefix: string, positions: number): UserPlan[] {
  const random = xoroshiro128plus(seed);
  const byPosition = random.clone();
  byPosition.jump();
  return Array.from({ length: users }, (_, index) => ({
    index,
    userId: userIdOf(prefix, index),
    funnelDraw: uniformFloat64(random),
    itemDraw: uniformFloat64(random),
    skipDraw: uniformFloat64(random),
    positionDraws: Array.from({ length: positions }, () => uniformFloat64(byPosition)),
  }));
}
