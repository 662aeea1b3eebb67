import { EXPOSURE_EVENT_TYPE } from "./contracts/events";
import type { RecommendationSource } from "./contracts/recommendations";
import type { ActiveSpan } from "./experiment";
import type { EventSelector, MetricDefinition } from "./experiment-metrics";
import { wasActiveAt } from "./experiment-serving";

/**
 * The sufficient statistics of one metric over a set of enrolled users
 * (`experiment-statistics.md`, Inputs): users, and sums of the exact per-user values.
 */
export interface SufficientStats {
  n: number;
  sum: number;
  sum_squares: number;
  den_sum?: number;
  den_sum_squares?: number;
  cross_sum?: number;
}

/** A user's enrollment in one experiment: the first stored assignment. */
export interface Enrollment {
  readonly testName: string;
  /** The stored, served variant. */
  readonly variant: string;
  readonly enrolledAtMs: number;
  /** The counter stratum: `p<allocation period index>`, or `h` for a held-out user. */
  readonly stratum: string;
}

/** What an exposure record tells about a recommendation it served. */
export interface ExposureFacts {
  readonly testName: string;
  readonly variant: string;
  readonly source: RecommendationSource;
  readonly itemIds: readonly string[];
}

/** One record of a user's events table partition, as the counters see it. */
export interface CountedRecord {
  readonly eventType: string;
  /** Server time: when the event was received, or when the exposure was served. */
  readonly atMs: number;
  readonly eventValue?: number | undefined;
  /** Set when the record is itself an exposure. */
  readonly exposure?: ExposureFacts | undefined;
  /** The exposure an event's recommendation_id points to, and the event's item's place in it. */
  readonly linked?: (ExposureFacts & { readonly position?: number | undefined }) | undefined;
}

/** A user's running numerator and denominator of one metric (counts or sums of event_value). */
export interface MetricAccumulator {
  num: number;
  den: number;
}

export type UserMetricValues = Record<string, MetricAccumulator>;

/** The exposure facts and the position of `itemId` in them, for an event linked to that exposure. */
export function linkToExposure(exposure: ExposureFacts, itemId: string | undefined) {
  const index = itemId === undefined ? -1 : exposure.itemIds.indexOf(itemId);
  return { ...exposure, ...(index >= 0 && { position: index + 1 }) };
}

/**
 * Whether a record counts for an enrollment. Only records received while the experiment was
 * active count (a paused or completed experiment measures nothing). An exposure counts for the
 * experiment that served it (it was served under the assignment, so it is never before
 * enrollment); any other event counts for every experiment the user is enrolled in, from the
 * enrollment time on.
 */
export function countsToward(
  record: CountedRecord,
  enrollment: Enrollment,
  activeSpans: readonly ActiveSpan[],
): boolean {
  if (!wasActiveAt(activeSpans, record.atMs)) return false;
  if (record.exposure) return record.exposure.testName === enrollment.testName;
  return record.atMs >= enrollment.enrolledAtMs;
}

function contribution(selector: EventSelector, record: CountedRecord, testName: string): number {
  if (!selector.event_types.includes(record.eventType)) return 0;
  if (record.eventType === EXPOSURE_EVENT_TYPE && record.exposure?.testName !== testName) return 0;
  if (selector.source !== undefined && record.exposure?.source !== selector.source) return 0;
  if (selector.with_recommendation && !record.exposure && record.linked?.testName !== testName) return 0;
  return selector.value === "event_value" ? (record.eventValue ?? 0) : 1;
}

/**
 * Adds a counted record to a user's accumulators; returns whether any changed. Metrics the record
 * does not select stay as they are.
 */
export function accumulate(
  values: UserMetricValues,
  metrics: readonly MetricDefinition[],
  record: CountedRecord,
  testName: string,
): boolean {
  let changed = false;
  for (const metric of metrics) {
    const num = contribution(metric.numerator, record, testName);
    const den = metric.denominator ? contribution(metric.denominator, record, testName) : 0;
    if (num === 0 && den === 0) continue;
    const current = values[metric.name] ?? { num: 0, den: 0 };
    values[metric.name] = { num: current.num + num, den: current.den + den };
    changed = true;
  }
  return changed;
}

/** The per-user value of a metric (binomial: had at least one qualifying event) and its denominator. */
export function perUserValue(metric: MetricDefinition, accumulator: MetricAccumulator | undefined) {
  const num = accumulator?.num ?? 0;
  return { value: metric.kind === "binomial" ? (num > 0 ? 1 : 0) : num, den: accumulator?.den ?? 0 };
}

/**
 * What a user's change from `before` (undefined: not yet counted) to `after` adds to the metric's
 * sufficient statistics: x -> x' adds x' - x to the sum and x'^2 - x^2 to the sum of squares.
 */
export function statsDelta(
  metric: MetricDefinition,
  before: MetricAccumulator | undefined | null,
  after: MetricAccumulator | undefined,
  isNewUser: boolean,
): SufficientStats {
  const x0 = isNewUser ? { value: 0, den: 0 } : perUserValue(metric, before ?? undefined);
  const x1 = perUserValue(metric, after);
  const delta: SufficientStats = {
    n: isNewUser ? 1 : 0,
    sum: x1.value - x0.value,
    sum_squares: x1.value * x1.value - x0.value * x0.value,
  };
  if (metric.kind !== "ratio") return delta;
  return {
    ...delta,
    den_sum: x1.den - x0.den,
    den_sum_squares: x1.den * x1.den - x0.den * x0.den,
    cross_sum: x1.value * x1.den - x0.value * x0.den,
  };
}

export function addStats(target: SufficientStats, delta: SufficientStats): SufficientStats {
  const sum = (a: number | undefined, b: number | undefined) =>
    a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
  const result: SufficientStats = {
    n: target.n + delta.n,
    sum: target.sum + delta.sum,
    sum_squares: target.sum_squares + delta.sum_squares,
  };
  const denSum = sum(target.den_sum, delta.den_sum);
  if (denSum !== undefined) {
    result.den_sum = denSum;
    result.den_sum_squares = sum(target.den_sum_squares, delta.den_sum_squares) ?? 0;
    result.cross_sum = sum(target.cross_sum, delta.cross_sum) ?? 0;
  }
  return result;
}

export function isZeroStats(stats: SufficientStats): boolean {
  return Object.values(stats).every((value) => value === 0);
}

/** The enrollment period of a user: the UTC day of enrollment, "YYYY-MM-DD". */
export function enrollmentPeriod(enrolledAtMs: number): string {
  return new Date(enrolledAtMs).toISOString().slice(0, 10);
}
