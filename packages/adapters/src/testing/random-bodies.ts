import fc from "fast-check";
import type { RouteAnswer } from "./invoke-route";

/**
 * The seed every random-body run uses unless `RANDOM_BODIES_SEED` names another one (to explore
 * further, or to replay a failure printed by a run). Fixed, so a run that passed passes again.
 */
export const DEFAULT_RANDOM_BODIES_SEED = 20_261_201;

/** The seed this run uses: `RANDOM_BODIES_SEED` when set to an integer, the fixed default otherwise. */
export function randomBodiesSeed(environment: NodeJS.ProcessEnv = process.env): number {
  const given = environment.RANDOM_BODIES_SEED;
  if (given === undefined || given === "") return DEFAULT_RANDOM_BODIES_SEED;
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`RANDOM_BODIES_SEED must be an integer, got "${given}"`);
  return seed;
}

/** Mostly a valid value, sometimes a wrong one: most bodies then get past parsing into the handler. */
export function mostly<T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: invalid, weight: 1 });
}

/**
 * Posts `numRuns` seeded random bodies (near-valid contract objects, arbitrary JSON, arbitrary text)
 * and fails, with the shrunk body and the seed, on the first 5xx. The seed is printed so any run can
 * be replayed with `RANDOM_BODIES_SEED=<seed>`. Whether the bodies reach the handler's success path
 * is not counted here: that depends on the seed, so tests assert it with fixed valid bodies.
 */
export async function postRandomBodies(
  post: (raw: string) => Promise<RouteAnswer>,
  nearValid: fc.Arbitrary<unknown>,
  numRuns: number,
  seed: number = randomBodiesSeed(),
): Promise<void> {
  console.info(`random bodies: seed ${seed}, ${numRuns} runs (replay with RANDOM_BODIES_SEED=${seed})`);
  const body = fc.oneof(
    nearValid.map((value) => JSON.stringify(value)),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ unit: "binary", maxLength: 200 }),
  );
  await fc.assert(
    fc.asyncProperty(body, async (raw) => {
      const answer = await post(raw);
      if (answer.status >= 500) throw new Error(`answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }),
    { numRuns, seed },
  );
}
