/**
 * Bandit simulation (issue 12's Must show), in-process and seeded, with the package's real
 * updater (banditWeights over periodWeightedEstimate): three arms with true conversion rates
 * 0.10 / 0.12 / 0.15 over 20 periods, against a fixed uniform split run on the same simulated
 * users (common random numbers: each user converts on arm v iff u < rate_v, one u per user).
 * Prints figures; asserts nothing.
 *
 *   pnpm --filter @personalize-ab/statistics bench [-- --runs 200 --users-per-period 1000,2500 --seed 12]
 */
import { parseArgs } from "node:util";
import { SeededRandom, WeightedSampler } from "@personalize-ab/sample-data";
import {
  type ArmEstimate,
  BANDIT_DEFAULTS,
  banditWeights,
  type PeriodStats,
  periodWeightedEstimate,
  pooledEstimate,
} from "../src";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    periods: { type: "string", default: "20" },
    "users-per-period": { type: "string", default: "1000,2500" },
    "burn-in-periods": { type: "string", default: "2" },
    seed: { type: "string", default: "12" },
  },
});
const RUNS = Number(values.runs);
const PERIODS = Number(values.periods);
const TRAFFIC_LEVELS = values["users-per-period"].split(",").map(Number);
const BURN_IN_PERIODS = Number(values["burn-in-periods"]);
const SEED = Number(values.seed);
const ARMS = ["a", "b", "c"] as const;
const RATES = { a: 0.1, b: 0.12, c: 0.15 } as const;
const BEST = "c";

type Arm = (typeof ARMS)[number];
type Scenario = { name: string; multiplier: (period: number) => number };

// Stationary rates, and a base rate that falls from ×1.4 to ×0.6 over the experiment (novelty,
// season): the bandit gives the best arm most of its traffic late, when every rate is low.
const SCENARIOS: Scenario[] = [
  { name: "stationary rates", multiplier: () => 1 },
  { name: "base rate falling ×1.4 → ×0.6", multiplier: (p) => 1.4 - (0.8 * p) / Math.max(1, PERIODS - 1) },
];

interface RunResult {
  banditConversions: number;
  uniformConversions: number;
  winner: string | null;
  uniformWinner: string | null;
  finalWeights: Record<string, number>;
  weighted: Record<string, ArmEstimate>;
  pooled: Record<string, ArmEstimate>;
  target: Record<Arm, number>;
}

function emptyPeriod(): Record<Arm, { n: number; sum: number; sum_squares: number }> {
  return {
    a: { n: 0, sum: 0, sum_squares: 0 },
    b: { n: 0, sum: 0, sum_squares: 0 },
    c: { n: 0, sum: 0, sum_squares: 0 },
  };
}

function winnerOf(periods: readonly PeriodStats[]): string | null {
  return banditWeights({ arms: periodWeightedEstimate(periods) }).winner;
}

function simulateRun(random: SeededRandom, scenario: Scenario, usersPerPeriod: number): RunResult {
  const bandit: PeriodStats[] = [];
  const uniform: PeriodStats[] = [];
  let weights: Record<string, number> = { a: 1 / 3, b: 1 / 3, c: 1 / 3 };
  let banditConversions = 0;
  let uniformConversions = 0;
  const uniformSampler = new WeightedSampler([1, 1, 1]);
  for (let period = 0; period < PERIODS; period++) {
    const multiplier = scenario.multiplier(period);
    const banditPeriod = emptyPeriod();
    const uniformPeriod = emptyPeriod();
    const sampler = new WeightedSampler(ARMS.map((arm) => weights[arm]!));
    for (let user = 0; user < usersPerPeriod; user++) {
      const u = random.next();
      const banditArm = ARMS[sampler.draw(random)]!;
      const uniformArm = ARMS[uniformSampler.draw(random)]!;
      const banditValue = u < RATES[banditArm] * multiplier ? 1 : 0;
      const uniformValue = u < RATES[uniformArm] * multiplier ? 1 : 0;
      const b = banditPeriod[banditArm];
      b.n++;
      b.sum += banditValue;
      b.sum_squares += banditValue;
      const f = uniformPeriod[uniformArm];
      f.n++;
      f.sum += uniformValue;
      f.sum_squares += uniformValue;
      banditConversions += banditValue;
      uniformConversions += uniformValue;
    }
    bandit.push(banditPeriod);
    uniform.push(uniformPeriod);
    // The scheduled updater: new weights for the next period from everything seen so far.
    weights = banditWeights({
      arms: periodWeightedEstimate(bandit),
      current: weights,
      in_burn_in: period + 1 < BURN_IN_PERIODS,
    }).weights;
  }
  // The estimand: each arm's rate averaged over the experiment's users, period by period.
  const periodUsers = bandit.map((period) => ARMS.reduce((sum, arm) => sum + period[arm]!.n, 0));
  const total = periodUsers.reduce((sum, n) => sum + n, 0);
  const target = Object.fromEntries(
    ARMS.map((arm) => [
      arm,
      periodUsers.reduce((sum, n, p) => sum + (n / total) * RATES[arm] * scenario.multiplier(p), 0),
    ]),
  ) as Record<Arm, number>;
  return {
    banditConversions,
    uniformConversions,
    winner: winnerOf(bandit),
    uniformWinner: winnerOf(uniform),
    finalWeights: weights,
    weighted: periodWeightedEstimate(bandit),
    pooled: pooledEstimate(bandit),
    target,
  };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(5)}`;
const signedPercent = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(2)} %`;

console.log(
  `bandit simulation: seed ${SEED}, ${RUNS} runs × ${PERIODS} periods, true rates a ${RATES.a} / b ${RATES.b} / ` +
    `c ${RATES.c}, burn-in ${BURN_IN_PERIODS} periods, floor ${BANDIT_DEFAULTS.floor}, min users ` +
    `${BANDIT_DEFAULTS.min_users_per_variant}, winner at P(best) ≥ ${BANDIT_DEFAULTS.winner_probability}`,
);
const started = performance.now();
for (const usersPerPeriod of TRAFFIC_LEVELS) {
  for (const [index, scenario] of SCENARIOS.entries()) {
    const random = new SeededRandom(SEED + index);
    const runs = Array.from({ length: RUNS }, () => simulateRun(random, scenario, usersPerPeriod));
    const bandit = mean(runs.map((r) => r.banditConversions));
    const uniform = mean(runs.map((r) => r.uniformConversions));
    const crowned = runs.filter((r) => r.winner === BEST).length;
    const wrong = runs.filter((r) => r.winner !== null && r.winner !== BEST).length;
    const uniformCrowned = runs.filter((r) => r.uniformWinner === BEST).length;
    console.log(`\n## ${usersPerPeriod} users per period, ${scenario.name}`);
    console.log(
      `conversions per run: bandit ${bandit.toFixed(1)}, uniform split ${uniform.toFixed(1)} ` +
        `(bandit ${signedPercent((bandit - uniform) / uniform)})`,
    );
    console.log(
      `best arm crowned (P(best) ≥ 0.95 at the end): bandit ${crowned}/${RUNS} = ${pct(crowned / RUNS)} ` +
        `(wrong arm ${wrong}), uniform split ${uniformCrowned}/${RUNS} = ${pct(uniformCrowned / RUNS)}`,
    );
    console.log(
      `final bandit weights (mean): ${ARMS.map((arm) => `${arm} ${mean(runs.map((r) => r.finalWeights[arm]!)).toFixed(3)}`).join(", ")}`,
    );
    console.log("bias against each arm's user-averaged true rate (mean over runs):");
    for (const arm of ARMS) {
      const weightedBias = mean(runs.map((r) => r.weighted[arm]!.mean - r.target[arm]));
      const pooledBias = mean(runs.map((r) => r.pooled[arm]!.mean - r.target[arm]));
      console.log(`  ${arm}: period-weighted ${signed(weightedBias)}, pooled ${signed(pooledBias)}`);
    }
    const differenceBias = (pick: (r: RunResult) => Record<string, ArmEstimate>) =>
      mean(runs.map((r) => pick(r).c!.mean - pick(r).a!.mean - (r.target.c - r.target.a)));
    console.log(
      `  c − a difference: period-weighted ${signed(differenceBias((r) => r.weighted))}, ` +
        `pooled ${signed(differenceBias((r) => r.pooled))}`,
    );
  }
}

// V29 of the statistics doc, through the same function the updater uses.
const v29: PeriodStats[] = [
  { a: { n: 1000, sum: 100, sum_squares: 100 }, b: { n: 1000, sum: 120, sum_squares: 120 } },
  { a: { n: 200, sum: 40, sum_squares: 40 }, b: { n: 800, sum: 176, sum_squares: 176 } },
];
const weighted = periodWeightedEstimate(v29);
const pooled = pooledEstimate(v29);
console.log(
  `\nV29: period-weighted A ${weighted.a!.mean.toFixed(10)} (SE ${Math.sqrt(weighted.a!.variance)}), ` +
    `B ${weighted.b!.mean.toFixed(10)} (SE ${Math.sqrt(weighted.b!.variance)}); ` +
    `pooled A ${pooled.a!.mean.toFixed(6)}, B ${pooled.b!.mean.toFixed(6)}`,
);
console.log(`elapsed ${((performance.now() - started) / 1000).toFixed(1)} s`);
