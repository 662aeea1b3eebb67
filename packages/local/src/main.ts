import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ROUTES, routeKey } from "@personalize-ab/domain";
import { LOCAL_CAMPAIGN_ARNS } from "@personalize-ab/local-recommender";
import { authBanner } from "./auth/auth-banner";
import { DEFAULT_AUTH_KEY_FILE } from "./auth/auth-key-file";
import { quietEnvironment } from "./quiet-environment";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    persist: { type: "boolean", default: false },
    "data-dir": { type: "string", default: ".local-data/dynamodb" },
    verbose: { type: "boolean", default: false },
    auth: { type: "boolean", default: false },
  },
});

// Before anything loads Powertools or the SDK: both read these once, at import.
Object.assign(process.env, quietEnvironment(values.verbose));
const { startPlatform } = await import("./platform");

const log = (line: string) => console.log(`• ${line}`);
const platform = await startPlatform({
  port: Number(values.port),
  ...(values.persist && { dataDir: resolve(values["data-dir"]) }),
  verbose: values.verbose,
  ...(values.auth && { authKeyFile: DEFAULT_AUTH_KEY_FILE }),
  log,
});
const token = platform.issuer && (await platform.issuer.mint({ sub: "user_00001" }));

// The launch-to-first-answer time: a real request through the gateway, handler and recommender.
const response = await fetch(`${platform.url}/recommendations`, {
  method: "POST",
  headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
  body: JSON.stringify({ user_id: "user_00001", num_results: 5 }),
});
const readyIn = process.uptime();
console.log(`
personalize-ab is serving on ${platform.url} (first request answered ${response.status} ${(readyIn).toFixed(1)} s after launch)

${ROUTES.map((route) => `  ${routeKey(route)}`).join("\n")}

Try the recipe's own validation calls:
  curl -X POST ${platform.url}/recommendations -H "Content-Type: application/json" -d '{"user_id": "user_00001", "num_results": 5}'
  curl -X POST ${platform.url}/events -H "Content-Type: application/json" -d '{"user_id": "user_00001", "event_type": "purchase", "item_id": "item_00001"}'
  curl -X POST ${platform.url}/assignments -H "Content-Type: application/json" -d '{"user_id": "user_00001"}'
  aws dynamodb scan --table-name ${platform.tables.assignments} --limit 10 --endpoint-url ${platform.dynamodbEndpoint} --region us-east-1
  aws personalize-runtime get-recommendations --campaign-arn ${LOCAL_CAMPAIGN_ARNS["aws-popularity-count"]} --user-id user_00001 --endpoint-url ${platform.personalizeEndpoint} --region us-east-1

${token ? `${authBanner(platform.url, token)}\n\n` : ""}${values.persist ? `Data is kept in ${resolve(values["data-dir"])}.` : "Data lives in memory; start with --persist to keep it across restarts."} Ctrl-C stops everything.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    await platform.stop();
    process.exit(0);
  });
}
