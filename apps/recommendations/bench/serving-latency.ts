// Handler latency of POST /recommendations on DynamoDB Local with 25 ms of injected Personalize
// latency, beside the recipe's access pattern run in the same process against the same servers:
// assignment read, Personalize, one GetItem per recommended item, then the tracking write, each
// waiting for the one before. Usage: tsx bench/serving-latency.ts [--requests N] [--results N]
import "./bench-environment";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { GetRecommendationsCommand } from "@aws-sdk/client-personalize-runtime";
import { BatchWriteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, createPersonalizeRuntimeClient } from "@personalize-ab/adapters";
import { apiGatewayEvent, lambdaContext } from "@personalize-ab/adapters/http";
import { platformConfigItem } from "@personalize-ab/adapters/testing";
import { assignVariant, DEFAULT_EXPERIMENT, DEFAULT_TEST_NAME, ENV } from "@personalize-ab/domain";
import {
  createCatalogTables,
  localDynamoDbClient,
  startDynamoDbLocal,
  tableEnvironment,
} from "@personalize-ab/dynamodb-local";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "400" },
    results: { type: "string", default: "10" },
    items: { type: "string", default: "2000" },
  },
});
const REQUESTS = Number(values.requests);
const RESULTS = Number(values.results);
const CATALOG_SIZE = Number(values.items);
const PERSONALIZE_MS = 25;
const USERS = 100;

const itemId = (n: number) => `item_${String(n).padStart(5, "0")}`;
const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
};
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const dynamodb = await startDynamoDbLocal();
// Workers do not inherit tsx's loader: the thread registers it before loading the TypeScript.
const workerFile = new URL("./personalize-worker.ts", import.meta.url).href;
const personalizeThread = new Worker(
  `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(workerFile)}); })`,
  { eval: true, workerData: { delayMs: PERSONALIZE_MS, catalogSize: CATALOG_SIZE } },
);
const personalize = {
  endpoint: await new Promise<string>((resolve) => personalizeThread.once("message", resolve)),
  stop: () => new Promise((resolve) => personalizeThread.once("exit", resolve).postMessage("stop")),
};
try {
  const tables = await createCatalogTables(localDynamoDbClient(dynamodb.endpoint), "bench");
  const campaign = (name: string) => `arn:aws:personalize:us-east-1:111111111111:campaign/${name}`;
  Object.assign(process.env, tableEnvironment(tables), {
    [ENV.dynamodbEndpoint]: dynamodb.endpoint,
    [ENV.personalizeRuntimeEndpoint]: personalize.endpoint,
    [ENV.campaignAArn]: campaign("user-personalization"),
    [ENV.campaignBArn]: campaign("sims"),
    [ENV.campaignCArn]: campaign("popularity"),
  });
  const documents = createDocumentClient();

  const rows = Array.from({ length: CATALOG_SIZE }, (_, n) => ({
    ItemId: itemId(n + 1),
    Category: ["electronics", "books", "clothing", "home", "sports"][n % 5],
    Price: Math.round((5 + (n % 200) * 1.5) * 100) / 100,
    Brand: `Brand${n % 20}`,
  }));
  const batches = [];
  for (let i = 0; i < rows.length; i += 25) batches.push(rows.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(
      batches.slice(i, i + 8).map((batch) =>
        documents.send(
          new BatchWriteCommand({
            RequestItems: { [tables.items]: batch.map((Item) => ({ PutRequest: { Item } })) },
          }),
        ),
      ),
    );
  }
  await documents.send(
    new PutCommand({
      TableName: tables.experiments,
      Item: platformConfigItem({ popularItems: rows.slice(0, 100).map((row) => row.ItemId) }),
    }),
  );

  const { handler } = await import("../src/handler");
  const users = Array.from({ length: USERS }, (_, n) => `bench-user-${n}`);
  // SIMS users name an item, so every variant reaches Personalize in one step, as in the baseline.
  const body = (userId: string) =>
    JSON.stringify({ user_id: userId, num_results: RESULTS, item_id: itemId(1 + (userId.length % 50)) });
  const ours = async (userId: string) => {
    const result = await handler(
      apiGatewayEvent({
        method: "POST",
        path: "/recommendations",
        routeKey: "POST /recommendations",
        headers: { "content-type": "application/json" },
        body: body(userId),
      }),
      lambdaContext("recommendations"),
    );
    if (typeof result === "object" && result.statusCode !== 200)
      throw new Error(`status ${result.statusCode}`);
  };

  // The recipe's pattern, on the same SDK clients and servers.
  const runtime = createPersonalizeRuntimeClient();
  const baseline = async (userId: string) => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tables.assignments, Key: { UserId: userId, TestName: DEFAULT_TEST_NAME } }),
    );
    const variant =
      DEFAULT_EXPERIMENT.variants.find((v) => v.id === Item?.Variant) ?? DEFAULT_EXPERIMENT.variants[0]!;
    const { itemList = [] } = await runtime.send(
      new GetRecommendationsCommand({ campaignArn: campaign(variant.id), userId, numResults: RESULTS }),
    );
    const enriched = [];
    for (const item of itemList) {
      const found = await documents.send(
        new GetCommand({ TableName: tables.items, Key: { ItemId: item.itemId } }),
      );
      enriched.push({ ...item, ...found.Item });
    }
    await documents.send(
      new PutCommand({
        TableName: tables.events,
        Item: {
          UserId: userId,
          EventId: `baseline-${performance.now()}`,
          Timestamp: Date.now(),
          Items: enriched.length,
        },
      }),
    );
  };
  const roundTrip = () =>
    documents.send(
      new GetCommand({
        TableName: tables.items,
        Key: { ItemId: itemId(1 + Math.floor(Math.random() * CATALOG_SIZE)) },
      }),
    );

  // Warm-up: first visits store every user's assignment; then JIT, connections and config cache.
  for (const userId of users) await ours(userId);
  for (let i = 0; i < 50; i++) {
    await baseline(users[i % USERS]!);
    await roundTrip();
  }

  // Interleaved, so drift in the machine's load touches all three series alike.
  const personalizeAlone = () =>
    runtime.send(
      new GetRecommendationsCommand({ campaignArn: campaign("a"), userId: "u", numResults: RESULTS }),
    );
  const samples = {
    ours: [] as number[],
    baseline: [] as number[],
    roundTrip: [] as number[],
    personalize: [] as number[],
  };
  for (let i = 0; i < REQUESTS; i++) {
    const userId = users[i % USERS]!;
    samples.ours.push(await timed(() => ours(userId)));
    samples.baseline.push(await timed(() => baseline(userId)));
    samples.roundTrip.push(await timed(roundTrip));
    samples.personalize.push(await timed(personalizeAlone));
  }

  const variantsServed = new Map<string, number>();
  for (const userId of users) {
    const id = assignVariant(userId, DEFAULT_TEST_NAME, DEFAULT_EXPERIMENT.variants).id;
    variantsServed.set(id, (variantsServed.get(id) ?? 0) + 1);
  }
  const p50 = (series: number[]) => percentile(series, 0.5);
  const p99 = (series: number[]) => percentile(series, 0.99);
  const budget = 1.3 * (PERSONALIZE_MS + p50(samples.roundTrip));
  const speedup = p50(samples.baseline) / p50(samples.ours);
  const ms = (value: number) => value.toFixed(1);

  console.log(
    `POST /recommendations handler latency, ${REQUESTS} returning-user requests of ${RESULTS} results, ` +
      `${CATALOG_SIZE} catalog items on DynamoDB Local, Personalize stand-in answering after ${PERSONALIZE_MS} ms ` +
      `(users per variant: ${[...variantsServed].map(([id, n]) => `${id} ${n}`).join(", ")})`,
  );
  console.log("| series | p50 ms | p99 ms |");
  console.log("|---|---:|---:|");
  console.log(`| ours (handler) | ${ms(p50(samples.ours))} | ${ms(p99(samples.ours))} |`);
  console.log(
    `| baseline (recipe: sequential GetItem per item, then the write) | ${ms(p50(samples.baseline))} | ${ms(p99(samples.baseline))} |`,
  );
  console.log(
    `| one DynamoDB round trip (GetItem) | ${ms(p50(samples.roundTrip))} | ${ms(p99(samples.roundTrip))} |`,
  );
  console.log(
    `| one Personalize call alone (the stand-in's ${PERSONALIZE_MS} ms + HTTP + SDK) | ${ms(p50(samples.personalize))} | ${ms(p99(samples.personalize))} |`,
  );
  console.log(
    `target p50 <= 1.3 x (${PERSONALIZE_MS} ms + ${ms(p50(samples.roundTrip))} ms) = ${ms(budget)} ms: ` +
      `${p50(samples.ours) <= budget ? "ok" : "MISSED"} (ours ${ms(p50(samples.ours))} ms, ` +
      `${(p50(samples.ours) / (PERSONALIZE_MS + p50(samples.roundTrip))).toFixed(2)} x)`,
  );
  console.log(
    `target >= 3x faster than the baseline at p50: ${speedup >= 3 ? "ok" : "MISSED"} (${speedup.toFixed(2)} x)`,
  );
  // What each design adds on top of the Personalize wait both share: where the access patterns differ.
  const beyond = (series: number[]) => p50(series) - p50(samples.personalize);
  console.log(
    `beyond the Personalize call: ours ${ms(beyond(samples.ours))} ms, baseline ${ms(beyond(samples.baseline))} ms ` +
      `(${(beyond(samples.baseline) / beyond(samples.ours)).toFixed(2)} x)`,
  );
} finally {
  await personalize.stop();
  await dynamodb.stop();
}
