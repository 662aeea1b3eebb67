import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  type ActiveSpan,
  type ExperimentKind,
  kindOf,
  type MetricDefinition,
  metricsOf,
  TABLES,
} from "@personalize-ab/domain";
import { experimentFromItem } from "../experiments/experiment-items";

/** What counting a test's records needs from its experiment record. */
export interface CountingRules {
  readonly metrics: readonly MetricDefinition[];
  /** When the experiment was active: only records received inside a span are counted. */
  readonly activeSpans: readonly ActiveSpan[];
  /** An interleaving experiment is counted by credited clicks, over its variants (declared order). */
  readonly kind?: ExperimentKind;
  readonly variants?: readonly string[];
}

/**
 * The counting rules of a test, as its record said at some time not before `notBeforeMs`. Asking
 * with the newest receive time of the records to count makes the answer exact: any status change
 * made before those records arrived is in a record read after they arrived.
 */
export type CountingRulesOfTest = (testName: string, notBeforeMs: number) => Promise<CountingRules>;

/** No record (the recipe's default test before anyone wrote it): default metrics, always active. */
const UNRECORDED: CountingRules = { metrics: metricsOf({}), activeSpans: [{ started_at: 0 }] };

/**
 * Counting rules read from the experiments table, each kept until a record newer than its read
 * asks: a batch of stream records costs at most one strongly consistent GetItem per experiment.
 */
export function countingRulesFromTable(
  documents: DynamoDBDocumentClient,
  experimentsTable: string,
  now: () => number = Date.now,
): CountingRulesOfTest {
  const known = new Map<string, { readonly readAtMs: number; readonly rules: Promise<CountingRules> }>();
  const read = async (testName: string): Promise<CountingRules> => {
    const { Item } = await documents.send(
      new GetCommand({
        TableName: experimentsTable,
        Key: { [TABLES.experiments.partitionKey.name]: testName },
        ConsistentRead: true,
      }),
    );
    if (!Item) return UNRECORDED;
    const experiment = experimentFromItem(Item);
    return {
      metrics: metricsOf(experiment),
      activeSpans: experiment.active_spans,
      kind: kindOf(experiment),
      variants: experiment.variants.map((variant) => variant.id),
    };
  };
  return (testName, notBeforeMs) => {
    const cached = known.get(testName);
    if (cached && cached.readAtMs >= notBeforeMs) return cached.rules;
    const entry = { readAtMs: now(), rules: read(testName) };
    // A failed read is not kept: the next batch asks again.
    entry.rules.catch(() => known.delete(testName));
    known.set(testName, entry);
    return entry.rules;
  };
}
