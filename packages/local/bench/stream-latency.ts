// On the whole local platform (`startPlatform`, as `npm start` runs it): the time from a POST
// /events 202 to the experiment counters reflecting the event, through DynamoDB Local's stream, the
// stream runner and the real experiment-counters handler; and POST /events latency with the stream
// consumers running against paused, in alternating blocks of one run.
// Usage: tsx bench/stream-latency.ts [--events N] [--requests N]
import { parseArgs } from "node:util";
import { quietEnvironment } from "../src/quiet-environment";

Object.assign(process.env, quietEnvironment());
const { readExperimentCounters, createDocumentClient } = await import("@personalize-ab/adapters");
const { DEFAULT_TEST_NAME, ENV } = await import("@personalize-ab/domain");
const { startPlatform } = await import("../src/platform");

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "200" },
    requests: { type: "string", default: "400" },
  },
});
const EVENTS = Number(values.events);
const REQUESTS = Number(values.requests);
const BLOCK = 50;
const READ_INTERVAL_MS = 50;

const percentile = (samples: readonly number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
};
const userId = (n: number) => `stream_bench_${String(n).padStart(4, "0")}`;

const launched = performance.now();
const platform = await startPlatform({ port: 0 });
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
console.log(`platform serving after ${seconds(launched)}`);
try {
  const history = performance.now();
  await platform.streams.caughtUp();
  console.log(`stream consumers through the sample history after ${seconds(history)} more`);
  const documents = createDocumentClient({ [ENV.dynamodbEndpoint]: platform.dynamodbEndpoint });
  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${platform.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response.status;
  };
  /** Users of the default experiment with at least one purchase, from the counters as results read them. */
  const purchasers = async () =>
    (await readExperimentCounters(documents, platform.tables.experimentCounters, DEFAULT_TEST_NAME))
      .filter((cell) => cell.metric === "purchase_rate")
      .reduce((total, cell) => total + cell.stats.sum, 0);

  const enrolling = performance.now();
  const users = Math.max(EVENTS, BLOCK);
  for (let n = 0; n < users; n++) {
    const status = await post("/assignments", { user_id: userId(n) });
    if (status !== 200) throw new Error(`POST /assignments answered ${status}`);
  }
  await platform.streams.caughtUp();
  console.log(`${users} users enrolled and counted in ${seconds(enrolling)}`);

  // 1. Event to counter: one purchase at a time, each by a user who had none.
  const latencies: number[] = [];
  let counted = await purchasers();
  for (let n = 0; n < EVENTS; n++) {
    const status = await post("/events", {
      user_id: userId(n),
      event_type: "purchase",
      item_id: "item_00001",
      event_value: 10,
    });
    const accepted = performance.now();
    if (status !== 202) throw new Error(`POST /events answered ${status}`);
    for (;;) {
      const now = await purchasers();
      if (now > counted) {
        counted = now;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, READ_INTERVAL_MS));
    }
    latencies.push(performance.now() - accepted);
  }

  // 2. POST /events with the consumers running against paused, alternating blocks so drift hits both.
  const timings: Record<"running" | "paused", number[]> = { running: [], paused: [] };
  for (let block = 0; block * BLOCK < REQUESTS; block++) {
    const mode = block % 2 === 0 ? "paused" : "running";
    if (mode === "paused") await platform.streams.pause();
    else {
      await platform.streams.resume();
      await platform.streams.caughtUp();
    }
    for (let i = 0; i < BLOCK; i++) {
      const started = performance.now();
      const status = await post("/events", {
        user_id: userId(i),
        event_type: "view",
        item_id: `item_${String(1 + ((block * BLOCK + i) % 2000)).padStart(5, "0")}`,
      });
      if (status !== 202) throw new Error(`POST /events answered ${status}`);
      timings[mode].push(performance.now() - started);
    }
  }
  await platform.streams.resume();

  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `POST /events 202 -> counter reflects it (${EVENTS} purchases, counters read every ${READ_INTERVAL_MS} ms):`,
  );
  console.log(
    `  p50 ${ms(percentile(latencies, 0.5))}   p99 ${ms(percentile(latencies, 0.99))}   max ${ms(Math.max(...latencies))}`,
  );
  const running = percentile(timings.running, 0.5);
  const paused = percentile(timings.paused, 0.5);
  console.log(`POST /events p50, ${timings.running.length} requests each, alternating blocks of ${BLOCK}:`);
  console.log(
    `  stream consumers running ${ms(running)}   paused ${ms(paused)}   ratio ${(running / paused).toFixed(2)}`,
  );
} finally {
  await platform.stop();
}
