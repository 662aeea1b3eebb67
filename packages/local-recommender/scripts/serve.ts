import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateSampleData, readSampleDataFolder } from "@personalize-ab/sample-data";
import { startLocalRecommender } from "../src/start-local-recommender";

// Serves the local recommender until Ctrl-C: trained on the CSVs in --data, or on the seeded sample data.
const { values } = parseArgs({
  options: { port: { type: "string", default: "8090" }, data: { type: "string" } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}
// Through `pnpm --filter`, the script runs in this package; a relative --data means where pnpm was invoked.
const data = values.data
  ? await readSampleDataFolder(resolve(process.env.INIT_CWD ?? process.cwd(), values.data))
  : generateSampleData();
const running = await startLocalRecommender({ data, port });
console.log(`Trained on ${data.interactions.length} interactions in ${running.trainingMs.toFixed(0)} ms`);
console.log(`Personalize runtime and events endpoint: ${running.endpoint}`);
for (const [recipe, arn] of Object.entries(running.campaignArns))
  console.log(`  ${recipe.padEnd(28)} ${arn}`);
console.log(`  tracking id                  ${running.trackingId}`);
console.log(
  `\nTry: aws personalize-runtime get-recommendations --endpoint-url ${running.endpoint} --region us-east-1 \\\n` +
    `       --campaign-arn ${running.campaignArns["aws-user-personalization"]} --user-id user_00001 --num-results 5`,
);
const stop = () => void running.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
