import "./bench-environment";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import {
  COUNTER_KEY,
  counterPartition,
  counterShards,
  createDocumentClient,
  experimentItem,
} from "@personalize-ab/adapters";
import { DEFAULT_EXPERIMENT, DEFAULT_METRICS, ENV, type Experiment } from "@personalize-ab/domain";
import {
  createCatalogTables,
  localDynamoDbClient,
  startDynamoDbLocal,
  tableEnvironment,
} from "@personalize-ab/dynamodb-local";
import { putCounterCells, type ShardedCell } from "../test/support/counter-items";
import { timedResults } from "./timed-results";

// Results latency at 10,000 and at 1,000,000 enrolled users, with the counters seeded directly:
// the counter items are the same in number (variants x metrics x days x shards) for both, only
// their values differ, so the two latencies should be about equal.
const PERIODS = 14;
const RUNS = 200;
const WARM_UP = 20;

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
};
const ms = (value: number) => value.toFixed(2);

function day(index: number): string {
  return new Date(Date.UTC(2026, 10, 1 + index)).toISOString().slice(0, 10);
}

/** Every cell of an experiment with `users` enrolled, spread evenly over variants, days and shards. */
function cellsFor(experiment: Experiment, users: number, shards: number): ShardedCell[] {
  const slots = experiment.variants.length * PERIODS * shards;
  const cells: ShardedCell[] = [];
  let slot = 0;
  for (const variant of experiment.variants) {
    for (let period = 0; period < PERIODS; period++) {
      for (let shard = 0; shard < shards; shard++, slot++) {
        const n = Math.floor(users / slots) + (slot < users % slots ? 1 : 0);
        for (const metric of DEFAULT_METRICS) {
          const converted = Math.round(n * 0.07);
          const stats =
            metric.kind === "binomial"
              ? { n, sum: converted, sum_squares: converted }
              : metric.kind === "mean"
                ? { n, sum: converted * 120, sum_squares: converted * 120 * 120 }
                : {
                    n,
                    sum: converted,
                    sum_squares: converted,
                    den_sum: n,
                    den_sum_squares: n,
                    cross_sum: converted,
                  };
          cells.push({
            metric: metric.name,
            variant: variant.id,
            period: day(period),
            stratum: "p0",
            shard,
            stats,
          });
        }
      }
    }
  }
  return cells;
}

const dynamodb = await startDynamoDbLocal();
try {
  const tables = await createCatalogTables(localDynamoDbClient(dynamodb.endpoint), "bench");
  Object.assign(process.env, tableEnvironment(tables), { [ENV.dynamodbEndpoint]: dynamodb.endpoint });
  const documents = createDocumentClient();
  const shards = counterShards();
  const sizes = [10_000, 1_000_000] as const;
  const experiments = sizes.map((users) => ({ ...DEFAULT_EXPERIMENT, name: `bench_${users}_users` }));
  for (const [index, experiment] of experiments.entries()) {
    await documents.send(new PutCommand({ TableName: tables.experiments, Item: experimentItem(experiment) }));
    await putCounterCells(
      documents,
      tables.experimentCounters,
      experiment.name,
      cellsFor(experiment, sizes[index]!, shards),
    );
  }

  const { handler } = await import("../src/handler");
  const get = (testName: string) => timedResults<{ users: Record<string, number> }>(handler, testName);

  // The floor: one of the queries the handler makes (one shard's partition of an experiment).
  const oneQuery = async () => {
    const started = performance.now();
    await documents.send(
      new QueryCommand({
        TableName: tables.experimentCounters,
        KeyConditionExpression: "#p = :p",
        ExpressionAttributeNames: { "#p": COUNTER_KEY.partition },
        ExpressionAttributeValues: { ":p": counterPartition(experiments[0]!.name, 0) },
      }),
    );
    return performance.now() - started;
  };

  for (let i = 0; i < WARM_UP; i++) for (const experiment of experiments) await get(experiment.name);
  const samples: number[][] = experiments.map(() => []);
  const floor: number[] = [];
  // Interleaved, so both sizes see the same machine load.
  for (let i = 0; i < RUNS; i++) {
    for (const [index, experiment] of experiments.entries())
      samples[index]!.push((await get(experiment.name)).elapsed);
    floor.push(await oneQuery());
  }
  const enrolled = await Promise.all(
    experiments.map(async (experiment) =>
      Object.values((await get(experiment.name)).body.users).reduce((sum, n) => sum + n, 0),
    ),
  );

  const cellsPerExperiment = DEFAULT_EXPERIMENT.variants.length * DEFAULT_METRICS.length * PERIODS * shards;
  console.log(
    `results latency, ${RUNS} interleaved runs each; every experiment: ${DEFAULT_EXPERIMENT.variants.length} variants x ` +
      `${DEFAULT_METRICS.length} metrics x ${PERIODS} days x ${shards} shards = ${cellsPerExperiment} counter items, ${shards} queries\n`,
  );
  console.log("| enrolled users | p50 ms | p95 ms |");
  console.log("| -------------- | ------ | ------ |");
  for (const [index] of experiments.entries()) {
    console.log(
      `| ${enrolled[index]!.toLocaleString("en-US")} | ${ms(percentile(samples[index]!, 0.5))} | ${ms(percentile(samples[index]!, 0.95))} |`,
    );
  }
  console.log(
    `| (one counter-partition Query alone) | ${ms(percentile(floor, 0.5))} | ${ms(percentile(floor, 0.95))} |`,
  );
  const ratio = percentile(samples[1]!, 0.5) / percentile(samples[0]!, 0.5);
  console.log(
    `\np50 at 1,000,000 / p50 at 10,000 users = ${ratio.toFixed(3)} (target <= 1.2: ${ratio <= 1.2 ? "ok" : "MISSED"})`,
  );
} finally {
  await dynamodb.stop();
}
