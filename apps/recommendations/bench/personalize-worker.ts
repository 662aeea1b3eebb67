// The Personalize stand-in on its own thread: Personalize is not in the Lambda's process, so its
// JSON and timers must not queue on the handler's event loop.
import { parentPort, workerData } from "node:worker_threads";
import { startLocalPersonalize } from "@personalize-ab/adapters/testing";

const { delayMs, catalogSize } = workerData as { delayMs: number; catalogSize: number };
const itemId = (n: number) => `item_${String(n).padStart(5, "0")}`;
const personalize = await startLocalPersonalize({
  delayMs,
  // A different slice of the catalog each time, as a model's answers would be.
  itemsFor: (request) => {
    const count = Number(request.numResults);
    const start = Math.floor(Math.random() * (catalogSize - count));
    return Array.from({ length: count }, (_, i) => itemId(start + i + 1));
  },
});
parentPort?.postMessage(personalize.endpoint);
parentPort?.once("message", async () => {
  await personalize.stop();
  process.exit(0);
});
