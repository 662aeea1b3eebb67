/**
 * How many users interleaving needs to detect a true quality difference between two rankers,
 * against an A/B test of the same rankers at the same power (80 %, two-sided α = 0.05).
 *
 * Simulated shoppers (test/support/simulated-shoppers.ts) see, in the A/B test, one ranker's
 * lists (metric: clicks per user, Welch t) and, interleaved, both rankers' lists drawn by the
 * serving path's team draft and credited by the results' crediting (per-user preference, t test
 * over users). The sample sizes come from large simulated samples' effect and variance; each is
 * then checked by seeded replications at that size.
 *
 *   pnpm --filter @personalize-ab/recommendations bench:interleaving [seed] [replications]
 */
import {
  analyseInterleaving,
  type InterleavedImpression,
  type ListedItemEvent,
} from "@personalize-ab/domain";
import {
  absoluteEffect,
  normalQuantile,
  SeededRandom,
  studentTQuantile,
  summarizeMean,
  welchTTest,
} from "@personalize-ab/statistics";
import {
  clicks,
  DEFAULT_WORLD,
  interleavedSessions,
  newShopper,
  rank,
} from "../test/support/simulated-shoppers";

const seed = Number(process.argv[2] ?? 20261202);
const replications = Number(process.argv[3] ?? 200);
const RANKERS = { a: 1.5, b: 1.2 };
const ALPHA = 0.05;
const POWER = 0.8;
const Z = normalQuantile(1 - ALPHA / 2) + normalQuantile(POWER);
const world = DEFAULT_WORLD;

console.log(
  `interleaving sensitivity seed ${seed}, rankers of quality ${RANKERS.a} vs ${RANKERS.b}, ` +
    `${world.meanSessions} lists of ${world.listLength} per shopper on average, ${replications} replications`,
);
const random = new SeededRandom(seed);

/** Sums of clicks per user over a shopper's sessions with one ranker. */
function abArm(users: number, quality: number, prefix: string) {
  let sum = 0;
  let sumSquares = 0;
  for (let user = 0; user < users; user++) {
    const shopper = newShopper(random, world, `${prefix}${user}`);
    let clicked = 0;
    for (let session = 0; session < shopper.sessions; session++) {
      clicked += clicks(
        random,
        world,
        shopper,
        rank(random, world, shopper, quality).map((item) => item.itemId),
      ).length;
    }
    sum += clicked;
    sumSquares += clicked * clicked;
  }
  return summarizeMean({ n: users, sum, sum_squares: sumSquares });
}

function interleaved(users: number, runId: string) {
  const impressions: InterleavedImpression[] = [];
  const events: ListedItemEvent[] = [];
  for (let user = 0; user < users; user++) {
    const sessions = interleavedSessions(
      random,
      world,
      newShopper(random, world, `u${user}`),
      RANKERS,
      runId,
    );
    impressions.push(...sessions.impressions);
    events.push(...sessions.events);
  }
  return analyseInterleaving(["a", "b"], impressions, events, { alpha: ALPHA }).pairs[0]!;
}

// Sample sizes from large samples' effect and spread.
const LARGE = 20_000;
const armA = abArm(LARGE, RANKERS.a, "a");
const armB = abArm(LARGE, RANKERS.b, "b");
const delta = armA.mean - armB.mean;
const abPerArm = Math.ceil((Z ** 2 * (armA.variance + armB.variance)) / delta ** 2);
console.log(
  `A/B: clicks per user ${armA.mean.toFixed(4)} vs ${armB.mean.toFixed(4)} ` +
    `(${((delta / armB.mean) * 100).toFixed(2)} % lift), sd ${Math.sqrt(armA.variance).toFixed(3)}: ` +
    `${abPerArm} users per arm, ${2 * abPerArm} in all`,
);

const pair = interleaved(LARGE, "large");
const se = (pair.ci[1] - pair.preference) / studentTQuantile(1 - ALPHA / 2, pair.users - 1);
const sd = se * Math.sqrt(pair.users);
const credited = pair.users / LARGE;
const ilCredited = Math.ceil((Z * sd) ** 2 / pair.preference ** 2);
const ilUsers = Math.ceil(ilCredited / credited);
console.log(
  `interleaving: preference ${pair.preference.toFixed(4)} (sd ${sd.toFixed(3)} over users), ` +
    `${(credited * 100).toFixed(1)} % of shoppers credited: ${ilCredited} credited users, ${ilUsers} shoppers`,
);

// Each size checked by replications: the share of runs that find the better ranker.
let ilFound = 0;
for (let run = 0; run < replications; run++) {
  const result = interleaved(ilUsers, `check${run}`);
  if (result.favours === "a") ilFound++;
}
const abReplications = Math.max(20, Math.floor(replications / 5));
let abFound = 0;
for (let run = 0; run < abReplications; run++) {
  const a = abArm(abPerArm, RANKERS.a, "a");
  const b = abArm(abPerArm, RANKERS.b, "b");
  const test = welchTTest(absoluteEffect(b, a), b, a, ALPHA);
  if (test.p_value < ALPHA && a.mean > b.mean) abFound++;
}
console.log(
  `power at those sizes: interleaving ${((ilFound / replications) * 100).toFixed(1)} % of ${replications} runs, ` +
    `A/B ${((abFound / abReplications) * 100).toFixed(1)} % of ${abReplications} runs`,
);
console.log(
  `users needed, A/B / interleaving: ${2 * abPerArm} / ${ilUsers} = ${((2 * abPerArm) / ilUsers).toFixed(1)}x`,
);
