import { type DynamoDBDocumentClient, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import {
  accumulate,
  addStats,
  countsToward,
  DEFAULT_METRICS,
  type Enrollment,
  type ExperimentKind,
  type ExposureFacts,
  enrollmentPeriod,
  type SufficientStats,
  statsDelta,
  type UserMetricValues,
} from "@personalize-ab/domain";
import pMap from "p-map";
import { storedAssignmentOf } from "../dynamodb/assignments-repository";
import { EVENT_KEY } from "../dynamodb/event-records";
import { countedRecordOf, exposureFactsOf, linkedExposureKey } from "./counted-records";
import {
  type CellAddress,
  type CounterCell,
  cellAddressOf,
  cellKey,
  readExperimentCounters,
} from "./counter-cells";
import {
  type CountingRules,
  type CountingRulesOfTest,
  countingRulesFromTable,
} from "./experiment-metrics-source";
import { recomputeInterleavingCells } from "./interleaving-reconcile";
import { enrollmentOf } from "./user-facts";

export interface ReconcileTables {
  readonly assignments: string;
  readonly events: string;
  readonly counters: string;
  /** Where the experiment's metrics and active spans are read, unless `rulesOf` is given. */
  readonly experiments?: string;
}

export interface CounterDifference extends CellAddress {
  /** A statistic of an A/B cell (`n`, `sum`, ...), or a field of an interleaving cell. */
  readonly field: string;
  /** Recomputed from the raw tables. */
  readonly expected: number;
  /** What the counters hold. */
  readonly actual: number;
}

export interface ReconcileReport {
  readonly testName: string;
  /** Which cells were recomputed, and so what `users` counts. */
  readonly kind: ExperimentKind;
  /** A/B: users enrolled in the experiment; interleaving: users shown at least one interleaved list. */
  readonly users: number;
  readonly cells: number;
  readonly differences: CounterDifference[];
}

const SCAN_SEGMENTS = 4;
// Sums of fractional event values are added in another order by the counters than here.
const RELATIVE_TOLERANCE = 1e-9;

async function allPages(
  read: (start: Record<string, unknown> | undefined) => Promise<{
    Items?: Record<string, unknown>[];
    LastEvaluatedKey?: Record<string, unknown>;
  }>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await read(start);
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every enrollment in the experiment. An offline check, so a (parallel) Scan is what it costs. */
async function enrollmentsIn(
  documents: DynamoDBDocumentClient,
  assignmentsTable: string,
  testName: string,
): Promise<(Enrollment & { userId: string })[]> {
  const segments = await Promise.all(
    Array.from({ length: SCAN_SEGMENTS }, (_, segment) =>
      allPages((start) =>
        documents.send(
          new ScanCommand({
            TableName: assignmentsTable,
            FilterExpression: "TestName = :test",
            ExpressionAttributeValues: { ":test": testName },
            Segment: segment,
            TotalSegments: SCAN_SEGMENTS,
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        ),
      ),
    ),
  );
  return segments.flat().map((item) => {
    const stored = storedAssignmentOf(item);
    return { userId: stored.userId, ...enrollmentOf(stored) };
  });
}

/** A user's exact metric values in the experiment, from every item of their events partition. */
function userValues(
  items: readonly Record<string, unknown>[],
  enrollment: Enrollment,
  rules: CountingRules,
): UserMetricValues {
  const exposures = new Map<string, ExposureFacts>();
  for (const item of items) {
    const facts = exposureFactsOf(item);
    if (facts) exposures.set(String(item[EVENT_KEY.sort]), facts);
  }
  const values: UserMetricValues = {};
  for (const item of items) {
    const link = linkedExposureKey(item);
    const record = countedRecordOf(item, link && exposures.get(String(link[EVENT_KEY.sort])));
    if (countsToward(record, enrollment, rules.activeSpans)) {
      accumulate(values, rules.metrics, record, enrollment.testName);
    }
  }
  return values;
}

function differs(expected: number, actual: number): boolean {
  if (Number.isInteger(expected) && Number.isInteger(actual)) return expected !== actual;
  return Math.abs(expected - actual) > RELATIVE_TOLERANCE * Math.max(1, Math.abs(expected), Math.abs(actual));
}

/** An interleaving experiment's cells against its raw exposures and clicks. */
async function reconcileInterleaving(
  documents: DynamoDBDocumentClient,
  tables: ReconcileTables,
  testName: string,
  rules: CountingRules,
  shards: number | undefined,
): Promise<ReconcileReport> {
  const { users, expected, actual } = await recomputeInterleavingCells(
    documents,
    tables,
    testName,
    rules,
    shards,
  );
  const differences: CounterDifference[] = [];
  for (const key of [...new Set([...expected.keys(), ...actual.keys()])].sort()) {
    const want = expected.get(key) ?? actual.get(key)!;
    const e = expected.get(key)?.value ?? 0;
    const a = actual.get(key)?.value ?? 0;
    if (differs(e, a)) {
      differences.push({
        period: "",
        stratum: "",
        variant: want.variant,
        metric: want.metric,
        field: want.field,
        expected: e,
        actual: a,
      });
    }
  }
  return {
    testName,
    kind: "interleaving",
    users,
    cells: new Set([...expected.values()].map((f) => `${f.metric}#${f.variant}`)).size,
    differences,
  };
}

/**
 * Recomputes every counter cell of an experiment from the raw assignments and events tables and
 * returns where the counters differ. O(enrolled users + their events): run it offline. An
 * interleaving experiment's cells are recomputed from a Scan of the events table.
 */
export async function reconcileExperiment(
  documents: DynamoDBDocumentClient,
  tables: ReconcileTables,
  testName: string,
  options: {
    readonly rulesOf?: CountingRulesOfTest;
    readonly shards?: number;
    readonly concurrency?: number;
  } = {},
): Promise<ReconcileReport> {
  const rulesOf =
    options.rulesOf ??
    (tables.experiments
      ? countingRulesFromTable(documents, tables.experiments)
      : async (): Promise<CountingRules> => ({ metrics: DEFAULT_METRICS, activeSpans: [{ started_at: 0 }] }));
  // Read after every raw record it judges arrived: the spans it gives are final for them.
  const rules = await rulesOf(testName, Date.now());
  if (rules.kind === "interleaving")
    return reconcileInterleaving(documents, tables, testName, rules, options.shards);
  const metrics = rules.metrics;
  const enrollments = await enrollmentsIn(documents, tables.assignments, testName);
  const expected = new Map<string, SufficientStats>();
  await pMap(
    enrollments,
    async (enrollment) => {
      const items = await allPages((start) =>
        documents.send(
          new QueryCommand({
            TableName: tables.events,
            KeyConditionExpression: "#user = :user",
            ExpressionAttributeNames: { "#user": EVENT_KEY.partition },
            ExpressionAttributeValues: { ":user": enrollment.userId },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        ),
      );
      const values = userValues(items, enrollment, rules);
      const period = enrollmentPeriod(enrollment.enrolledAtMs);
      for (const metric of metrics) {
        const key = cellKey({
          period,
          stratum: enrollment.stratum,
          variant: enrollment.variant,
          metric: metric.name,
        });
        const stats = statsDelta(metric, undefined, values[metric.name], true);
        const known = expected.get(key);
        expected.set(key, known ? addStats(known, stats) : stats);
      }
    },
    { concurrency: options.concurrency ?? 16 },
  );
  const actual = new Map(
    (await readExperimentCounters(documents, tables.counters, testName, { shards: options.shards })).map(
      (cell: CounterCell) => [cellKey(cell), cell.stats],
    ),
  );
  const differences: CounterDifference[] = [];
  for (const key of [...new Set([...expected.keys(), ...actual.keys()])].sort()) {
    const want = expected.get(key) ?? { n: 0, sum: 0, sum_squares: 0 };
    const have = actual.get(key) ?? { n: 0, sum: 0, sum_squares: 0 };
    const fields = new Set([...Object.keys(want), ...Object.keys(have)] as (keyof SufficientStats)[]);
    for (const field of fields) {
      const e = want[field] ?? 0;
      const a = have[field] ?? 0;
      if (differs(e, a)) differences.push({ ...cellAddressOf(key), field, expected: e, actual: a });
    }
  }
  return { testName, kind: "ab", users: enrollments.length, cells: expected.size, differences };
}
