import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { generateSampleData } from "@personalize-ab/sample-data";
import { localCampaignArn } from "../src/campaigns";
import { startRecommenderServer } from "../src/http/recommender-server";
import { ItemIndex } from "../src/model/item-index";
import { LocalRecommender } from "../src/model/local-recommender";
import { trainPopularity } from "../src/model/popularity-model";

/**
 * Training time of all three recipes against one counting pass over the same interactions
 * (popularity-count alone), and GetRecommendations latency over HTTP against a server that
 * answers a fixed body: what the recommender adds on top of HTTP and JSON.
 */
const data = generateSampleData();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

const RUNS = 5;
const full: number[] = [];
const counting: number[] = [];
let recommender = LocalRecommender.train(data.interactions);
for (let run = 0; run < RUNS; run++) {
  let started = performance.now();
  const index = new ItemIndex();
  const items = data.interactions.map((event) => index.add(event.itemId));
  trainPopularity(items, index.size);
  counting.push(performance.now() - started);
  started = performance.now();
  recommender = LocalRecommender.train(data.interactions, { itemIds: data.items.map((item) => item.itemId) });
  full.push(performance.now() - started);
}
console.log(`Training on ${data.interactions.length} interactions (median of ${RUNS} runs):`);
console.log(`  popularity-count only (baseline)  ${median(counting).toFixed(1)} ms`);
console.log(
  `  all three recipes                 ${median(full).toFixed(1)} ms  (${(median(full) / median(counting)).toFixed(1)}x baseline)`,
);

async function latencies(endpoint: string, requests: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < requests; index++) {
    const body = JSON.stringify({
      campaignArn: localCampaignArn("aws-user-personalization"),
      userId: data.users[index % data.users.length]!.userId,
      numResults: 25,
    });
    const started = performance.now();
    const response = await fetch(`${endpoint}/recommendations`, { method: "POST", body });
    await response.text();
    times.push(performance.now() - started);
  }
  return times;
}

const fixed = JSON.stringify({
  itemList: Array.from({ length: 25 }, (_, i) => ({ itemId: `item_${i}`, score: 0.1 })),
});
const baseline = createServer((request, response) => {
  request.resume();
  request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end(fixed));
});
await new Promise<void>((resolve) => baseline.listen(0, "127.0.0.1", resolve));
const baselineEndpoint = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`;
const server = await startRecommenderServer(recommender);

const REQUESTS = 2000;
await latencies(baselineEndpoint, 200);
await latencies(server.endpoint, 200);
const fixedTimes = await latencies(baselineEndpoint, REQUESTS);
const recommenderTimes = await latencies(server.endpoint, REQUESTS);
console.log(`\nGetRecommendations (user-personalization, 25 items), ${REQUESTS} sequential requests:`);
const row = (label: string, times: number[]) =>
  `  ${label.padEnd(34)}p50 ${median(times).toFixed(3)} ms  p99 ${percentile(times, 0.99).toFixed(3)} ms`;
console.log(row("fixed-body HTTP server (baseline)", fixedTimes));
console.log(
  `${row("local recommender", recommenderTimes)}  (${(median(recommenderTimes) / median(fixedTimes)).toFixed(2)}x baseline p50)`,
);
await server.stop();
baseline.close();
baseline.closeAllConnections();
