import {
  accumulate,
  countsToward,
  enrollmentPeriod,
  isZeroStats,
  type SufficientStats,
  statsDelta,
  type UserMetricValues,
} from "@personalize-ab/domain";
import { exposureEventId } from "../dynamodb/exposure-log";
import { countedRecordOf } from "./counted-records";
import { type CellAddress, cellKey } from "./counter-cells";
import { type CounterStreamRecord, isAfter } from "./stream-records";
import type { UserFacts } from "./user-facts";
import type { UserMetricState } from "./user-metric-state";

/** One user's change in one experiment: the state to store and what it adds to each cell. */
export interface CounterUnit {
  readonly testName: string;
  readonly state: UserMetricState;
  /** The version the stored state must still have; undefined when it must not exist yet. */
  readonly expectedVersion: number | undefined;
  readonly deltas: ReadonlyMap<string, { readonly address: CellAddress; readonly stats: SufficientStats }>;
}

/**
 * Folds a user's new records (in stream order) into their state in each experiment they are
 * enrolled in. A user's first record creates their state and counts them once (n += 1) in every
 * metric of their variant and enrollment day, whichever stream it came from. Records at or below
 * the state's applied sequence number were folded in before and are skipped; a state whose
 * per-user values did not change is not written.
 */
export function planUserUnits(records: readonly CounterStreamRecord[], facts: UserFacts): CounterUnit[] {
  const units: CounterUnit[] = [];
  for (const enrollment of facts.enrollments) {
    const rules = facts.rules.get(enrollment.testName);
    const metrics = rules?.metrics ?? [];
    const activeSpans = rules?.activeSpans ?? [];
    const stored = facts.states.get(enrollment.testName);
    const isNewUser = stored === undefined;
    const values: UserMetricValues = structuredClone(stored?.values ?? {});
    const appliedSequence = { ...stored?.appliedSequence };
    let changed = isNewUser;
    for (const record of records) {
      if (!isAfter(record.sequenceNumber, appliedSequence[record.source])) continue;
      appliedSequence[record.source] = record.sequenceNumber;
      if (record.source !== "events") continue;
      const recommendationId = record.item.RecommendationId;
      const linked =
        typeof recommendationId === "string"
          ? facts.exposures.get(exposureEventId(recommendationId))
          : undefined;
      const counted = countedRecordOf(record.item, linked);
      if (
        countsToward(counted, enrollment, activeSpans) &&
        accumulate(values, metrics, counted, enrollment.testName)
      ) {
        changed = true;
      }
    }
    if (!changed) continue;
    const variant = stored?.variant ?? enrollment.variant;
    const period = stored?.period ?? enrollmentPeriod(enrollment.enrolledAtMs);
    const stratum = stored?.stratum ?? enrollment.stratum;
    const deltas = new Map<string, { address: CellAddress; stats: SufficientStats }>();
    for (const metric of metrics) {
      const stats = statsDelta(metric, stored?.values[metric.name], values[metric.name], isNewUser);
      if (isZeroStats(stats)) continue;
      const address = { period, stratum, variant, metric: metric.name };
      deltas.set(cellKey(address), { address, stats });
    }
    // Nothing a counter shows moved (a binomial user buying again): the stored state still gives
    // every per-user value exactly, so it is left as it is and costs no write.
    if (!isNewUser && deltas.size === 0) continue;
    units.push({
      testName: enrollment.testName,
      expectedVersion: stored?.version,
      deltas,
      state: {
        userId: String(records[0]?.userId),
        testName: enrollment.testName,
        variant,
        period,
        stratum,
        enrolledAtMs: stored?.enrolledAtMs ?? enrollment.enrolledAtMs,
        version: (stored?.version ?? 0) + 1,
        appliedSequence,
        values,
      },
    });
  }
  return units;
}
