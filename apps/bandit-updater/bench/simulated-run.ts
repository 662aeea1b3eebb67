import {
  type ArmEstimate,
  periodWeightedEstimate,
  pooledEstimate,
  type SeededRandom,
  type SufficientStats,
  WeightedSampler,
} from "@personalize-ab/statistics";
import {
  type AllocationDecision,
  type BanditPlan,
  decideAllocation,
  type PeriodStart,
} from "../src/allocation-decision";
import { banditPeriods, type StratumCell } from "../src/period-strata";

export const ARMS = ["a", "b", "c"] as const;
export type Arm = (typeof ARMS)[number];
export const RATES: Readonly<Record<Arm, number>> = { a: 0.1, b: 0.12, c: 0.15 };
export const BEST: Arm = "c";

const PERIOD_MS = 3_600_000;
const START_MS = Date.UTC(2026, 11, 1);

export interface Scenario {
  readonly name: string;
  /** Multiplies every arm's true rate in a simulated period (1 = stationary). */
  readonly multiplier: (period: number) => number;
}

export interface RunSettings {
  readonly periods: number;
  readonly usersPerPeriod: number;
  readonly burnInPeriods: number;
  readonly scenario: Scenario;
}

export interface RunResult {
  readonly banditConversions: number;
  readonly uniformConversions: number;
  /** The arm the updater names the winner after the last period, if any. */
  readonly winner: string | null;
  readonly uniformWinner: string | null;
  /** Allocation periods the updater started (the first, created one included). */
  readonly allocationPeriods: number;
  readonly finalWeights: Readonly<Record<string, number>>;
  readonly weighted: Record<string, ArmEstimate>;
  readonly pooled: Record<string, ArmEstimate>;
  /** Each arm's true rate averaged over the experiment's users, period by period: the estimand. */
  readonly target: Record<Arm, number>;
}

/** Counter cells as the counters table holds them: one per stratum and variant. */
class SimulatedCounters {
  private readonly cells = new Map<string, { stratum: string; variant: string; stats: SufficientStats }>();

  enroll(stratum: string, variant: string, converted: boolean) {
    const key = `${stratum}#${variant}`;
    const cell = this.cells.get(key) ?? { stratum, variant, stats: { n: 0, sum: 0, sum_squares: 0 } };
    const value = converted ? 1 : 0;
    cell.stats = {
      n: cell.stats.n + 1,
      sum: cell.stats.sum + value,
      sum_squares: cell.stats.sum_squares + value,
    };
    this.cells.set(key, cell);
  }

  read(): StratumCell[] {
    return [...this.cells.values()];
  }
}

/** The winner the updater names at a look: after the last period, the same look that reweights. */
const winnerOf = (look: AllocationDecision | undefined) =>
  !look || look.action === "wait" ? null : look.winner;

const equalWeights = () => Object.fromEntries(ARMS.map((arm) => [arm, 1 / ARMS.length]));

/**
 * One simulated experiment. Every simulated hour new users arrive; each is assigned by the weights
 * of the allocation period in force at first exposure and kept there (the stored assignment), and
 * converts or not at its arm's rate; its outcome lands in that period's counter stratum. At each
 * hour the real updater (`decideAllocation`) reads the counters and may start a new period. The
 * fixed uniform split sees the same users and the same uniform draws (common random numbers).
 */
export function simulateRun(random: SeededRandom, plan: BanditPlan, settings: RunSettings): RunResult {
  const bandit = new SimulatedCounters();
  const uniform = new SimulatedCounters();
  const periods: PeriodStart[] = [{ index: 0, started_at: START_MS, weights: equalWeights() }];
  const uniformPeriods: PeriodStart[] = [periods[0]!];
  const uniformSampler = new WeightedSampler(ARMS.map(() => 1));
  const enrolledPerHour: number[] = [];
  let banditConversions = 0;
  let uniformConversions = 0;
  let lastLook: AllocationDecision | undefined;
  for (let hour = 0; hour < settings.periods; hour++) {
    const current = periods.at(-1)!;
    const stratum = `p${current.index}`;
    const sampler = new WeightedSampler(ARMS.map((arm) => current.weights[arm]!));
    const multiplier = settings.scenario.multiplier(hour);
    for (let user = 0; user < settings.usersPerPeriod; user++) {
      const u = random.next();
      const banditArm = ARMS[sampler.draw(random)]!;
      const uniformArm = ARMS[uniformSampler.draw(random)]!;
      const banditConverted = u < RATES[banditArm] * multiplier;
      const uniformConverted = u < RATES[uniformArm] * multiplier;
      bandit.enroll(stratum, banditArm, banditConverted);
      uniform.enroll("p0", uniformArm, uniformConverted);
      if (banditConverted) banditConversions++;
      if (uniformConverted) uniformConversions++;
    }
    enrolledPerHour.push(settings.usersPerPeriod);
    lastLook = decideAllocation({
      plan,
      variants: ARMS,
      periods,
      cells: bandit.read(),
      nowMs: START_MS + (hour + 1) * PERIOD_MS,
    });
    if (lastLook.action === "reweight") {
      periods.push({
        index: periods.length,
        started_at: START_MS + (hour + 1) * PERIOD_MS,
        weights: lastLook.weights,
      });
    }
  }
  const endMs = START_MS + settings.periods * PERIOD_MS;
  const uniformLook = decideAllocation({
    plan,
    variants: ARMS,
    periods: uniformPeriods,
    cells: uniform.read(),
    nowMs: endMs,
  });
  const strata = banditPeriods(bandit.read(), ARMS);
  const total = enrolledPerHour.reduce((sum, n) => sum + n, 0);
  const target = Object.fromEntries(
    ARMS.map((arm) => [
      arm,
      enrolledPerHour.reduce(
        (sum, n, hour) => sum + (n / total) * RATES[arm] * settings.scenario.multiplier(hour),
        0,
      ),
    ]),
  ) as Record<Arm, number>;
  return {
    banditConversions,
    uniformConversions,
    winner: winnerOf(lastLook),
    uniformWinner: winnerOf(uniformLook),
    allocationPeriods: periods.length,
    finalWeights: periods.at(-1)!.weights,
    weighted: periodWeightedEstimate(strata),
    pooled: pooledEstimate(strata),
    target,
  };
}
