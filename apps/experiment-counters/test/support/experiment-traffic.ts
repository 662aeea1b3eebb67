import { BatchWriteCommand, type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { assignmentItem, eventItem, experimentItem, exposureItem } from "@personalize-ab/adapters";
import { DEFAULT_EXPERIMENT, DEFAULT_TEST_NAME, type ExperimentInput } from "@personalize-ab/domain";
import type { TableNames } from "@personalize-ab/dynamodb-local";
import fc from "fast-check";
import pMap from "p-map";

/** A second experiment with its own metrics: a mean of event values and a ratio over exposures. */
export const SECOND_EXPERIMENT: ExperimentInput = {
  name: "checkout_test",
  status: "active",
  variants: [
    { id: "control", weight: 0.5, recipe: "aws-popularity-count", description: "control" },
    { id: "treatment", weight: 0.5, recipe: "aws-user-personalization", description: "treatment" },
  ],
  metrics: [
    { name: "buyers", kind: "binomial", role: "primary", numerator: { event_types: ["purchase"] } },
    {
      name: "spend",
      kind: "mean",
      role: "secondary",
      numerator: { event_types: ["purchase"], value: "event_value" },
    },
    {
      name: "clicks_per_exposure",
      kind: "ratio",
      role: "secondary",
      numerator: { event_types: ["click"], with_recommendation: true },
      denominator: { event_types: ["recommendation_served"] },
    },
  ],
};

const EXPERIMENTS = [DEFAULT_EXPERIMENT, SECOND_EXPERIMENT];
const EVENT_TYPES = ["view", "click", "add_to_cart", "purchase"] as const;

const eventArbitrary = fc.record({
  type: fc.constantFrom(...EVENT_TYPES),
  cents: fc.integer({ min: 0, max: 20_000 }),
  /** Which of the user's exposures it came from, if any (an index into them). */
  exposure: fc.option(fc.nat(), { nil: undefined }),
});

type PlannedEvent = typeof eventArbitrary extends fc.Arbitrary<infer T> ? T : never;

const userArbitrary = fc.record({
  /** Per experiment: the variant index, or undefined when not enrolled. */
  enrollments: fc.tuple(fc.option(fc.nat(2), { nil: undefined }), fc.option(fc.nat(1), { nil: undefined })),
  /** Events from before enrollment (sample history): never counted. */
  history: fc.array(eventArbitrary, { maxLength: 4 }),
  exposures: fc.array(fc.record({ test: fc.nat(1), fallback: fc.boolean() }), { maxLength: 4 }),
  events: fc.array(eventArbitrary, { minLength: 6, maxLength: 30 }),
});

export interface TrafficSummary {
  readonly users: number;
  readonly enrollments: number;
  readonly events: number;
  readonly exposures: number;
  readonly historyEvents: number;
}

/** Puts items 25 to a batch, 8 batches at a time, retrying what DynamoDB leaves unprocessed. */
export async function batchWrite(
  documents: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
) {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await pMap(
    chunks,
    async (chunk) => {
      let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const { UnprocessedItems } = await documents.send(
          new BatchWriteCommand({ RequestItems: { [table]: pending } }),
        );
        pending = (UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    },
    { concurrency: 8 },
  );
}

/**
 * Seeded traffic: history loaded first (before anyone enrolls), then the enrollments, then the
 * exposures and events after them, some linked to an exposure of either experiment.
 */
export async function writeExperimentTraffic(
  documents: DynamoDBDocumentClient,
  tables: TableNames,
  options: { readonly seed: number; readonly users: number; readonly startMs: number },
): Promise<TrafficSummary> {
  for (const experiment of EXPERIMENTS) {
    await documents.send(new PutCommand({ TableName: tables.experiments, Item: experimentItem(experiment) }));
  }
  const plans = fc.sample(userArbitrary, { seed: options.seed, numRuns: options.users });
  const history: Record<string, unknown>[] = [];
  const assignments: Record<string, unknown>[] = [];
  const later: Record<string, unknown>[] = [];
  let exposures = 0;
  let events = 0;
  plans.forEach((plan, index) => {
    const userId = `user-${String(index).padStart(5, "0")}`;
    const base = options.startMs + index * 7;
    const event = (e: PlannedEvent, n: number, at: number, recommendationId?: string) =>
      eventItem({
        userId,
        eventId: `${userId}-${at}-${n}`,
        eventType: e.type,
        // A client clock far ahead must not pull an event across the boundary: ReceivedAt decides.
        timestampMs: at - 3_600_000,
        receivedAtMs: at,
        sessionId: `${userId}-s`,
        itemId: `item-${e.cents % 7}`,
        recommendationId,
        eventValue: e.type === "purchase" ? e.cents / 100 : undefined,
      });
    plan.history.forEach((e, n) => {
      history.push(event(e, n, base - 86_400_000));
    });
    plan.enrollments.forEach((variantIndex, test) => {
      const experiment = EXPERIMENTS[test]!;
      if (variantIndex === undefined) return;
      const enrolledAtMs = base + 1000 + test;
      assignments.push(
        assignmentItem({
          userId,
          testName: experiment.name,
          variant: experiment.variants[variantIndex % experiment.variants.length]!.id,
          assignedAt: Math.floor(enrolledAtMs / 1000),
          enrolledAtMs,
        }),
      );
    });
    const recommendationIds = plan.exposures.map((exposure, n) => {
      const experiment = EXPERIMENTS[exposure.test]!;
      const variantIndex = plan.enrollments[exposure.test];
      const recommendationId = `${userId}-r${n}`;
      if (variantIndex === undefined) return undefined;
      exposures += 1;
      later.push(
        exposureItem({
          userId,
          recommendationId,
          testName: experiment.name,
          variant: experiment.variants[variantIndex % experiment.variants.length]!.id,
          algorithm: "recipe",
          itemIds: Array.from({ length: 7 }, (_, i) => `item-${i}`),
          source: exposure.fallback ? "fallback" : "personalize",
          servedAtMs: base + 2000 + n,
        }),
      );
      return recommendationId;
    });
    plan.events.forEach((e, n) => {
      const linked =
        e.exposure === undefined
          ? undefined
          : recommendationIds[e.exposure % Math.max(1, recommendationIds.length)];
      events += 1;
      later.push(event(e, n, base + 3000 + n, linked));
    });
  });
  // In this order, as a start-up load, then live traffic, would write them.
  await batchWrite(documents, tables.events, history);
  await batchWrite(documents, tables.assignments, assignments);
  await batchWrite(documents, tables.events, later);
  return {
    users: options.users,
    enrollments: assignments.length,
    events,
    exposures,
    historyEvents: history.length,
  };
}

export const TRAFFIC_TESTS = EXPERIMENTS.map((experiment) => experiment.name);
export { DEFAULT_TEST_NAME };
