/**
 * Issue 12's bandit bench, in-process and seeded, through the updater's real decision
 * (`decideAllocation`: burn-in, schedule, minimum sample, period-weighted estimates, quadrature
 * P(best), additive floor) and the statistics package: three arms with true conversion rates
 * 0.10 / 0.12 / 0.15 over 20 hourly periods, against a fixed uniform split on the same users.
 * Prints figures; asserts nothing.
 *
 *   pnpm --filter @personalize-ab/bandit-updater bench [-- --seed 29 --runs 200 --users-per-period 1000,2500
 *     --search 1000:5000:250]
 */
import { parseArgs } from "node:util";
import {
  BANDIT_DEFAULTS,
  type PeriodStats,
  periodWeightedEstimate,
  pooledEstimate,
  SeededRandom,
} from "@personalize-ab/statistics";
import type { BanditPlan } from "../src/allocation-decision";
import { banditPeriods } from "../src/period-strata";
import { ARMS, BEST, RATES, type RunResult, type Scenario, simulateRun } from "./simulated-run";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "29" },
    runs: { type: "string", default: "200" },
    periods: { type: "string", default: "20" },
    "users-per-period": { type: "string", default: "1000,2500" },
    "burn-in-periods": { type: "string", default: "2" },
    // first:last:step users per period; the smallest level whose share of crowned runs reaches the target.
    search: { type: "string", default: "1000:4000:250" },
  },
});
const SEED = Number(values.seed);
const RUNS = Number(values.runs);
const PERIODS = Number(values.periods);
const BURN_IN_PERIODS = Number(values["burn-in-periods"]);
const LEVELS = values["users-per-period"].split(",").map(Number);
const [searchFrom = 1000, searchTo = 4000, searchStep = 250] = values.search.split(":").map(Number);
const TARGET_SHARE = 0.95;
const HOUR_S = 3600;

const PLAN: BanditPlan = {
  ...BANDIT_DEFAULTS,
  metric: "purchase_rate",
  burn_in: BURN_IN_PERIODS * HOUR_S,
  update_every: HOUR_S,
  complete_on_winner: false,
};

// Stationary rates, and a base rate falling from ×1.4 to ×0.6 (novelty, season): the bandit gives
// the best arm most of its traffic late, when every rate is low, which is where pooling misleads.
const SCENARIOS: Scenario[] = [
  { name: "stationary rates", multiplier: () => 1 },
  { name: "base rate falling ×1.4 → ×0.6", multiplier: (p) => 1.4 - (0.8 * p) / Math.max(1, PERIODS - 1) },
];

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const signed = (x: number, digits = 5) => `${x >= 0 ? "+" : ""}${x.toFixed(digits)}`;

function runAll(usersPerPeriod: number, scenario: Scenario, seed: number): RunResult[] {
  const random = new SeededRandom(seed);
  const settings = { periods: PERIODS, usersPerPeriod, burnInPeriods: BURN_IN_PERIODS, scenario };
  return Array.from({ length: RUNS }, () => simulateRun(random, PLAN, settings));
}

const crownedShare = (runs: readonly RunResult[]) =>
  runs.filter((r) => r.winner === BEST).length / runs.length;

function report(usersPerPeriod: number, scenario: Scenario, runs: readonly RunResult[]) {
  const bandit = mean(runs.map((r) => r.banditConversions));
  const uniform = mean(runs.map((r) => r.uniformConversions));
  const crowned = runs.filter((r) => r.winner === BEST).length;
  const wrong = runs.filter((r) => r.winner !== null && r.winner !== BEST).length;
  const uniformCrowned = runs.filter((r) => r.uniformWinner === BEST).length;
  console.log(`\n## ${usersPerPeriod} users per period, ${scenario.name}`);
  console.log(
    `conversions per run: bandit ${bandit.toFixed(1)}, uniform split ${uniform.toFixed(1)} ` +
      `(bandit ${signed((100 * (bandit - uniform)) / uniform, 1)} %, ${signed(bandit - uniform, 1)} conversions per run)`,
  );
  console.log(
    `best arm crowned after the last period (P(best) ≥ ${PLAN.winner_probability}): bandit ${crowned}/${runs.length} = ` +
      `${pct(crowned / runs.length)} (wrong arm ${wrong}), uniform split ${uniformCrowned}/${runs.length} = ` +
      `${pct(uniformCrowned / runs.length)}`,
  );
  console.log(
    `allocation periods started (mean): ${mean(runs.map((r) => r.allocationPeriods)).toFixed(1)}; final weights (mean): ` +
      ARMS.map((arm) => `${arm} ${mean(runs.map((r) => r.finalWeights[arm]!)).toFixed(3)}`).join(", "),
  );
  console.log("bias against each arm's user-averaged true rate (mean over runs):");
  for (const arm of ARMS) {
    const weighted = mean(runs.map((r) => r.weighted[arm]!.mean - r.target[arm]));
    const pooled = mean(runs.map((r) => r.pooled[arm]!.mean - r.target[arm]));
    console.log(`  ${arm} (${RATES[arm]}): period-weighted ${signed(weighted)}, pooled ${signed(pooled)}`);
  }
}

console.log(
  `bandit bench: seed ${SEED}, ${RUNS} runs × ${PERIODS} periods, true rates ${ARMS.map((a) => `${a} ${RATES[a]}`).join(" / ")}, ` +
    `burn-in ${BURN_IN_PERIODS} periods, update every period, floor ${PLAN.floor}, min users ${PLAN.min_users_per_variant}, ` +
    `winner at P(best) ≥ ${PLAN.winner_probability}`,
);
const started = performance.now();
for (const usersPerPeriod of LEVELS) {
  SCENARIOS.forEach((scenario, index) => {
    report(usersPerPeriod, scenario, runAll(usersPerPeriod, scenario, SEED + index));
  });
}

console.log(
  `\n## smallest users per period crowning the best arm in ≥ ${pct(TARGET_SHARE)} of runs (stationary)`,
);
let smallest: number | null = null;
for (let users = searchFrom; users <= searchTo; users += searchStep) {
  const share = crownedShare(runAll(users, SCENARIOS[0]!, SEED));
  console.log(`  ${users} users per period: ${pct(share)}`);
  if (share >= TARGET_SHARE) {
    smallest = users;
    break;
  }
}
console.log(smallest === null ? `  none up to ${searchTo}` : `  smallest: ${smallest}`);

// V29 of the statistics doc, through the updater's own grouping of counter strata.
const v29 = banditPeriods(
  [
    { stratum: "p0", variant: "a", stats: { n: 1000, sum: 100, sum_squares: 100 } },
    { stratum: "p0", variant: "b", stats: { n: 1000, sum: 120, sum_squares: 120 } },
    { stratum: "p1", variant: "a", stats: { n: 200, sum: 40, sum_squares: 40 } },
    { stratum: "p1", variant: "b", stats: { n: 800, sum: 176, sum_squares: 176 } },
  ],
  ["a", "b"],
) satisfies PeriodStats[];
const weighted = periodWeightedEstimate(v29);
const pooled = pooledEstimate(v29);
console.log(
  `\nV29: period-weighted A ${weighted.a!.mean.toFixed(10)} (SE ${Math.sqrt(weighted.a!.variance)}), ` +
    `B ${weighted.b!.mean.toFixed(10)} (SE ${Math.sqrt(weighted.b!.variance)}); ` +
    `pooled A ${pooled.a!.mean.toFixed(6)}, B ${pooled.b!.mean.toFixed(6)}`,
);
console.log(`elapsed ${((performance.now() - started) / 1000).toFixed(1)} s`);
