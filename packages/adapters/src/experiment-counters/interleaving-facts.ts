import { type DynamoDBDocumentClient, paginateQuery } from "@aws-sdk/lib-dynamodb";
import {
  INTERLEAVED_RECOMMENDATION_PREFIX,
  type InterleavedImpression,
  type ListedItemEvent,
} from "@personalize-ab/domain";
import pMap from "p-map";
import { batchGetItems } from "../dynamodb/batch-get";
import { EVENT_KEY } from "../dynamodb/event-records";
import { exposureEventId } from "../dynamodb/exposure-log";
import { interleavedExposureOf, listedItemEventOf } from "../interleaving/interleaving-records";
import type { CountingRules, CountingRulesOfTest } from "./experiment-metrics-source";
import {
  type ImpressionState,
  type InterleavingUserState,
  impressionKey,
  impressionStateOf,
  userStateKey,
  userStateOf,
} from "./interleaving-state";
import type { CounterTables, UserRecords } from "./user-facts";

export type InterleavedExposure = InterleavedImpression & { readonly testName: string };

/** What counting one user's interleaving records needs besides the records. */
export interface InterleavingFacts {
  /** Impressions already counted, by recommendation id. */
  readonly impressions: ReadonlyMap<string, ImpressionState>;
  /** The user's states, by test. */
  readonly states: ReadonlyMap<string, InterleavingUserState>;
  /** The exposures the records name, from the batch or the events table, by recommendation id. */
  readonly exposures: ReadonlyMap<string, InterleavedExposure>;
  /**
   * For an exposure counted for the first time: the user's events already stored that name it.
   * A click processed before its exposure was known found nothing to credit; this is where it counts.
   */
  readonly storedClicks: ReadonlyMap<string, readonly ListedItemEvent[]>;
  readonly rules: ReadonlyMap<string, CountingRules>;
}

/** Every stored event of the user that names an interleaved list: one Query of their own partition. */
async function storedClicksOf(
  documents: DynamoDBDocumentClient,
  eventsTable: string,
  userId: string,
): Promise<ListedItemEvent[]> {
  const clicks: ListedItemEvent[] = [];
  const pages = paginateQuery(
    { client: documents },
    {
      TableName: eventsTable,
      KeyConditionExpression: "#user = :user",
      FilterExpression: "begins_with(#rec, :prefix) AND attribute_exists(#item)",
      ExpressionAttributeNames: {
        "#user": EVENT_KEY.partition,
        "#rec": "RecommendationId",
        "#item": "ItemId",
      },
      ExpressionAttributeValues: { ":user": userId, ":prefix": INTERLEAVED_RECOMMENDATION_PREFIX },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const event = listedItemEventOf(item);
      if (event) clicks.push(event);
    }
  }
  return clicks;
}

function receivedAtOf(item: Record<string, unknown>): number {
  return Number(typeof item.ReceivedAt === "number" ? item.ReceivedAt : (item.Timestamp ?? 0));
}

/**
 * The interleaving facts of every user of a batch whose records name interleaved lists: their
 * counted impressions and the exposures their clicks name (BatchGetItem, shared by the batch),
 * then their states in the tests found, the tests' rules, and, for users with an exposure counted
 * for the first time, one Query of their events partition for the clicks stored before it.
 */
export async function loadInterleavingFacts(
  documents: DynamoDBDocumentClient,
  tables: CounterTables,
  rulesOf: CountingRulesOfTest,
  users: readonly UserRecords[],
  concurrency = 16,
): Promise<Map<string, InterleavingFacts>> {
  const wanted = users.flatMap((user) => {
    const inBatch = new Map<string, InterleavedExposure>();
    const named = new Set<string>();
    for (const { source, item } of user.records) {
      if (source !== "events") continue;
      const exposure = interleavedExposureOf(item);
      if (exposure) {
        inBatch.set(exposure.recommendationId, exposure);
        named.add(exposure.recommendationId);
      }
      const click = listedItemEventOf(item);
      if (click) named.add(click.recommendationId);
    }
    return named.size > 0 ? [{ user, inBatch, named }] : [];
  });
  if (wanted.length === 0) return new Map();

  const [impressionItems, exposureItems] = await Promise.all([
    batchGetItems(
      documents,
      tables.userMetrics,
      wanted.flatMap(({ user, named }) => [...named].map((id) => impressionKey(user.userId, id))),
      { consistentRead: true },
    ),
    batchGetItems(
      documents,
      tables.events,
      wanted.flatMap(({ user, named, inBatch }) =>
        [...named]
          .filter((id) => !inBatch.has(id))
          .map((id) => ({ [EVENT_KEY.partition]: user.userId, [EVENT_KEY.sort]: exposureEventId(id) })),
      ),
      { consistentRead: true },
    ),
  ]);
  const impressions = new Map<string, Map<string, ImpressionState>>();
  for (const item of impressionItems) {
    const state = impressionStateOf(item);
    const own = impressions.get(state.userId) ?? new Map<string, ImpressionState>();
    own.set(state.recommendationId, state);
    impressions.set(state.userId, own);
  }
  const exposures = new Map<string, Map<string, InterleavedExposure>>(
    wanted.map(({ user, inBatch }) => [user.userId, new Map(inBatch)]),
  );
  for (const item of exposureItems) {
    const exposure = interleavedExposureOf(item);
    if (exposure) exposures.get(exposure.userId)?.set(exposure.recommendationId, exposure);
  }

  const testsOf = new Map<string, Set<string>>();
  for (const { user, inBatch } of wanted) {
    const tests = new Set([...inBatch.values()].map((exposure) => exposure.testName));
    for (const impression of impressions.get(user.userId)?.values() ?? []) tests.add(impression.testName);
    testsOf.set(user.userId, tests);
  }
  const tests = [...new Set([...testsOf.values()].flatMap((own) => [...own]))];
  const newest = Math.max(0, ...users.flatMap((user) => user.records.map(({ item }) => receivedAtOf(item))));
  const needClicks = wanted.filter(({ user, inBatch }) =>
    [...inBatch.keys()].some((id) => !impressions.get(user.userId)?.has(id)),
  );
  const [stateItems, ruleLists, clickLists] = await Promise.all([
    batchGetItems(
      documents,
      tables.userMetrics,
      wanted.flatMap(({ user }) =>
        [...testsOf.get(user.userId)!].map((test) => userStateKey(user.userId, test)),
      ),
      { consistentRead: true },
    ),
    Promise.all(tests.map((testName) => rulesOf(testName, newest))),
    pMap(needClicks, ({ user }) => storedClicksOf(documents, tables.events, user.userId), { concurrency }),
  ]);
  const rules = new Map(tests.map((testName, index) => [testName, ruleLists[index]!]));
  const states = new Map<string, Map<string, InterleavingUserState>>();
  for (const item of stateItems) {
    const state = userStateOf(item);
    const own = states.get(state.userId) ?? new Map<string, InterleavingUserState>();
    own.set(state.testName, state);
    states.set(state.userId, own);
  }
  const storedClicks = new Map<string, Map<string, ListedItemEvent[]>>();
  needClicks.forEach(({ user }, index) => {
    const own = new Map<string, ListedItemEvent[]>();
    for (const click of clickLists[index]!) {
      own.set(click.recommendationId, [...(own.get(click.recommendationId) ?? []), click]);
    }
    storedClicks.set(user.userId, own);
  });

  return new Map(
    wanted.map(({ user }) => [
      user.userId,
      {
        impressions: impressions.get(user.userId) ?? new Map(),
        states: states.get(user.userId) ?? new Map(),
        exposures: exposures.get(user.userId) ?? new Map(),
        storedClicks: storedClicks.get(user.userId) ?? new Map(),
        rules: new Map([...testsOf.get(user.userId)!].map((test) => [test, rules.get(test)!])),
      },
    ]),
  );
}
