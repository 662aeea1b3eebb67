import type { UserMetricValues } from "@personalize-ab/domain";
import type { CounterSource } from "./stream-records";

/**
 * A user's counted state in one experiment. `appliedSequence` is, per source stream, the last
 * record folded into `values`: a user's records come in order on one stream shard (the partition
 * key is the user id), so a redelivered record is one whose number is not above it.
 */
export interface UserMetricState {
  readonly userId: string;
  readonly testName: string;
  readonly variant: string;
  readonly period: string;
  /** The counter stratum the user is counted in: `p<allocation period>` or `h` (held out). */
  readonly stratum: string;
  readonly enrolledAtMs: number;
  /** Optimistic lock: each write expects the version it read. 0 when not stored yet. */
  readonly version: number;
  readonly appliedSequence: Partial<Record<CounterSource, string>>;
  readonly values: UserMetricValues;
}

const SEQUENCE_ATTRIBUTE: Record<CounterSource, string> = {
  assignments: "AssignmentsSequence",
  events: "EventsSequence",
};

export function userMetricStateItem(state: UserMetricState): Record<string, unknown> {
  return {
    UserId: state.userId,
    TestName: state.testName,
    Variant: state.variant,
    Period: state.period,
    Stratum: state.stratum,
    EnrolledAt: state.enrolledAtMs,
    Version: state.version,
    [SEQUENCE_ATTRIBUTE.assignments]: state.appliedSequence.assignments,
    [SEQUENCE_ATTRIBUTE.events]: state.appliedSequence.events,
    Values: state.values,
  };
}

export function userMetricStateOf(item: Record<string, unknown>): UserMetricState {
  const sequence = (source: CounterSource) => {
    const value = item[SEQUENCE_ATTRIBUTE[source]];
    return typeof value === "string" ? value : undefined;
  };
  const assignments = sequence("assignments");
  const events = sequence("events");
  return {
    userId: String(item.UserId),
    testName: String(item.TestName),
    variant: String(item.Variant),
    period: String(item.Period),
    // States stored before strata existed were all counted in the first period.
    stratum: typeof item.Stratum === "string" ? item.Stratum : "p0",
    enrolledAtMs: Number(item.EnrolledAt),
    version: Number(item.Version),
    appliedSequence: { ...(assignments && { assignments }), ...(events && { events }) },
    values: (item.Values ?? {}) as UserMetricValues,
  };
}
