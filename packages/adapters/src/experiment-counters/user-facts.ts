import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type Enrollment, type ExposureFacts, enrollmentStratum } from "@personalize-ab/domain";
import pMap from "p-map";
import { storedAssignmentOf } from "../dynamodb/assignments-repository";
import { batchGetItems } from "../dynamodb/batch-get";
import { EVENT_KEY } from "../dynamodb/event-records";
import { countedRecordOf, exposureFactsOf, linkedExposureKey } from "./counted-records";
import type { CountingRules, CountingRulesOfTest } from "./experiment-metrics-source";
import type { CounterStreamRecord } from "./stream-records";
import { type UserMetricState, userMetricStateOf } from "./user-metric-state";

export interface CounterTables {
  readonly assignments: string;
  readonly events: string;
  readonly userMetrics: string;
  readonly counters: string;
}

/** What counting one user's records needs to know besides the records. */
export interface UserFacts {
  readonly enrollments: readonly Enrollment[];
  readonly states: ReadonlyMap<string, UserMetricState>;
  /** Exposures by their event id (`recommendation_served#<id>`). */
  readonly exposures: ReadonlyMap<string, ExposureFacts>;
  readonly rules: ReadonlyMap<string, CountingRules>;
}

/** Every experiment the user is enrolled in: one Query, the assignments table is keyed UserId+TestName. */
export async function enrollmentsOf(
  documents: DynamoDBDocumentClient,
  assignmentsTable: string,
  userId: string,
): Promise<Enrollment[]> {
  const enrollments: Enrollment[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: assignmentsTable,
        KeyConditionExpression: "UserId = :user",
        ExpressionAttributeValues: { ":user": userId },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const stored = storedAssignmentOf(item);
      enrollments.push(enrollmentOf(stored));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return enrollments;
}

export interface UserRecords {
  readonly userId: string;
  readonly records: readonly CounterStreamRecord[];
}

const NO_FACTS: UserFacts = { enrollments: [], states: new Map(), exposures: new Map(), rules: new Map() };

/** An enrollment as a stored assignment gives it, with its counter stratum. */
export function enrollmentOf(stored: ReturnType<typeof storedAssignmentOf>): Enrollment {
  return {
    testName: stored.testName,
    variant: stored.variant,
    enrolledAtMs: stored.enrolledAtMs,
    stratum: enrollmentStratum({ period: stored.allocationPeriod, holdout: stored.holdout }),
  };
}

/** When a record reached us (server time): what the counting rules must be at least as new as. */
function receivedAtOf(record: CounterStreamRecord): number {
  if (record.source === "assignments") return Number(record.item.EnrolledAt ?? 0);
  return countedRecordOf(record.item, undefined).atMs;
}

/**
 * The facts of every user of a batch: one Query per user for their enrollments, then their states
 * and the exposures their events link to in BatchGetItem calls of 100 keys shared by all users.
 */
export async function loadUserFacts(
  documents: DynamoDBDocumentClient,
  tables: CounterTables,
  rulesOf: CountingRulesOfTest,
  users: readonly UserRecords[],
  concurrency = 16,
): Promise<Map<string, UserFacts>> {
  const enrolled = (
    await pMap(
      users,
      async (user) => ({
        user,
        enrollments: await enrollmentsOf(documents, tables.assignments, user.userId),
      }),
      {
        concurrency,
      },
    )
  ).filter(({ enrollments }) => enrollments.length > 0);
  const exposures = new Map<string, Map<string, ExposureFacts>>();
  const stateKeys: Record<string, string>[] = [];
  const exposureKeys: Record<string, string>[] = [];
  for (const { user, enrollments } of enrolled) {
    const own = new Map<string, ExposureFacts>();
    exposures.set(user.userId, own);
    const wanted = new Map<string, Record<string, string>>();
    for (const { source, item } of user.records) {
      if (source !== "events") continue;
      const facts = exposureFactsOf(item);
      if (facts) own.set(String(item[EVENT_KEY.sort]), facts);
      const key = linkedExposureKey(item);
      if (key) wanted.set(String(key[EVENT_KEY.sort]), key);
    }
    exposureKeys.push(...[...wanted].filter(([eventId]) => !own.has(eventId)).map(([, key]) => key));
    stateKeys.push(...enrollments.map(({ testName }) => ({ UserId: user.userId, TestName: testName })));
  }
  const tests = [...new Set(enrolled.flatMap(({ enrollments }) => enrollments.map((e) => e.testName)))];
  const newest = Math.max(0, ...users.flatMap((user) => user.records.map(receivedAtOf)));
  const [stateItems, exposureItems, ruleLists] = await Promise.all([
    batchGetItems(documents, tables.userMetrics, stateKeys, { consistentRead: true }),
    batchGetItems(documents, tables.events, exposureKeys, { consistentRead: true }),
    Promise.all(tests.map((testName) => rulesOf(testName, newest))),
  ]);
  for (const item of exposureItems) {
    const facts = exposureFactsOf(item);
    if (facts) exposures.get(String(item[EVENT_KEY.partition]))?.set(String(item[EVENT_KEY.sort]), facts);
  }
  const states = new Map<string, Map<string, UserMetricState>>();
  for (const item of stateItems) {
    const state = userMetricStateOf(item);
    const own = states.get(state.userId) ?? new Map<string, UserMetricState>();
    own.set(state.testName, state);
    states.set(state.userId, own);
  }
  const rules = new Map(tests.map((testName, index) => [testName, ruleLists[index]!]));
  const facts = new Map<string, UserFacts>(users.map((user) => [user.userId, NO_FACTS]));
  for (const { user, enrollments } of enrolled) {
    facts.set(user.userId, {
      enrollments,
      states: states.get(user.userId) ?? new Map(),
      exposures: exposures.get(user.userId) ?? new Map(),
      rules: new Map(enrollments.map(({ testName }) => [testName, rules.get(testName)!])),
    });
  }
  return facts;
}
