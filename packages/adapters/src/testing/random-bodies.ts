import fc from "fast-check";
import type { RouteAnswer } from "./invoke-route";

/** Mostly a valid value, sometimes a wrong one: most bodies then get past parsing into the handler. */
export function mostly<T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: invalid, weight: 1 });
}

/**
 * Posts `numRuns` random bodies (near-valid contract objects, arbitrary JSON, arbitrary text) and
 * fails, with the shrunk body, on the first 5xx. Returns how often each status was answered.
 */
export async function postRandomBodies(
  post: (raw: string) => Promise<RouteAnswer>,
  nearValid: fc.Arbitrary<unknown>,
  numRuns: number,
): Promise<Map<number, number>> {
  const body = fc.oneof(
    nearValid.map((value) => JSON.stringify(value)),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ unit: "binary", maxLength: 200 }),
  );
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(body, async (raw) => {
      const answer = await post(raw);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500) throw new Error(`answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }),
    { numRuns },
  );
  return statuses;
}
