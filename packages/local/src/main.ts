import { isAbsolute, join, resolve } from "node:path";
import { consoleRoutes } from "@personalize-ab/console";
import { ROUTES, routeKey } from "@personalize-ab/domain";
import { LOCAL_CAMPAIGN_ARNS } from "@personalize-ab/local-recommender";
import { DOCS_PATH, documentRoutes, OPENAPI_PATH } from "@personalize-ab/openapi";
import { authBanner } from "./auth/auth-banner";
import { DEFAULT_AUTH_KEY_FILE } from "./auth/auth-key-file";
import { whenOrphaned } from "./orphan-watch.mjs";
import { quietEnvironment } from "./quiet-environment";
import {
  DEFAULT_DATA_DIR,
  INVOKED_FROM_ENV,
  LAUNCHED_AT_ENV,
  parseStartArgs,
  portProblem,
  startHelp,
} from "./start-options.mjs";

const REPOSITORY_ROOT = resolve(import.meta.dirname, "../../..");

const parsed = parseStartArgs(process.argv.slice(2));
if (parsed.error !== undefined) {
  console.error(`npm start: ${parsed.error} (npm start -- --help lists the options)`);
  process.exit(2);
}
const options = parsed.values;
if (options.help) {
  console.log(startHelp());
  process.exit(0);
}
const taken = await portProblem(options.port);
if (taken) {
  console.error(`npm start: ${taken}`);
  process.exit(1);
}

// A signal while starting ends the process at once; the 'exit' hooks stop DynamoDB Local.
const onSignalWhileStarting = () => process.exit(0);
process.on("SIGINT", onSignalWhileStarting);
process.on("SIGTERM", onSignalWhileStarting);
const stopWatchingWhileStarting = whenOrphaned(onSignalWhileStarting);

// The default lives at the repository root, as the README says; a given folder is taken relative
// to where the user ran the command.
const invokedFrom = process.env[INVOKED_FROM_ENV] ?? process.cwd();
const dataDir =
  options["data-dir"] === DEFAULT_DATA_DIR
    ? join(REPOSITORY_ROOT, DEFAULT_DATA_DIR)
    : isAbsolute(options["data-dir"])
      ? options["data-dir"]
      : resolve(invokedFrom, options["data-dir"]);

// Before anything loads Powertools or the SDK: both read these once, at import.
Object.assign(process.env, quietEnvironment(options.verbose));
const { startPlatform } = await import("./platform");

const log = (line: string) => console.log(`• ${line}`);
let platform: Awaited<ReturnType<typeof startPlatform>>;
try {
  platform = await startPlatform({
    port: options.port,
    ...(options.persist && { dataDir }),
    verbose: options.verbose,
    ...(options.auth && { authKeyFile: DEFAULT_AUTH_KEY_FILE }),
    scheduleEveryMs: options["schedule-every"] * 1000,
    extraRoutes: [...documentRoutes(), ...consoleRoutes()],
    log,
    warn: (line) => console.error(`npm start: ${line}`),
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === "EADDRINUSE"
      ? `npm start: port ${options.port} was taken while starting; choose another with: npm start -- --port ${options.port + 1}`
      : `npm start: the platform could not start: ${(error as Error).message}`,
  );
  process.exit(1);
}

const token = platform.issuer && (await platform.issuer.mint({ sub: "user_00001" }));

// The launch-to-first-answer time: a real request through the gateway, handler and recommender,
// counted from the moment the user's command was launched (the wrapper passes it on).
const response = await fetch(`${platform.url}/recommendations`, {
  method: "POST",
  headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
  body: JSON.stringify({ user_id: "user_00001", num_results: 5 }),
});
const launchedAt = Number(process.env[LAUNCHED_AT_ENV]) || performance.timeOrigin;
const readyIn = (Date.now() - launchedAt) / 1000;
// DynamoDB Local and the recommender accept any credentials; the AWS CLI still wants some.
const aws = "AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws";
const region = "--region us-east-1";
console.log(`
personalize-ab is serving on ${platform.url} (first request answered ${response.status} ${readyIn.toFixed(1)} s after launch)

${ROUTES.map((route) => `  ${routeKey(route)}`).join("\n")}
  Experiments console ${platform.url}/, API reference ${platform.url}${DOCS_PATH}, OpenAPI document ${platform.url}${OPENAPI_PATH}, health ${platform.url}/health

Try the recipe's own validation calls:
  curl -X POST ${platform.url}/recommendations -H "Content-Type: application/json" -d '{"user_id": "user_00001", "num_results": 5}'
  curl -X POST ${platform.url}/events -H "Content-Type: application/json" -d '{"user_id": "user_00001", "event_type": "purchase", "item_id": "item_00001"}'
  curl -X POST ${platform.url}/assignments -H "Content-Type: application/json" -d '{"user_id": "user_00001"}'
  ${aws} dynamodb scan --table-name ${platform.tables.assignments} --limit 10 --endpoint-url ${platform.dynamodbEndpoint} ${region}
  ${aws} personalize-runtime get-recommendations --campaign-arn ${LOCAL_CAMPAIGN_ARNS["aws-popularity-count"]} --user-id user_00001 --endpoint-url ${platform.personalizeEndpoint} ${region}
Run an experiment through the admin API (open here, IAM-signed in AWS):
  npm run experiment -- create --file experiment.json --url ${platform.url}
  npm run experiment -- list --url ${platform.url}
Recompute the counters from the raw tables:
  npm run experiment -- reconcile default_recommendation_test --endpoint ${platform.dynamodbEndpoint}

${token ? `${authBanner(platform.url, token)}\n\n` : ""}${options.persist ? `Data is kept in ${dataDir}.` : "Data lives in memory; start with --persist to keep it across restarts."} Ctrl-C stops everything.`);

process.removeListener("SIGINT", onSignalWhileStarting);
process.removeListener("SIGTERM", onSignalWhileStarting);
stopWatchingWhileStarting();
let stopping = false;
const STOP_DEADLINE_MS = 10_000;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  // A service that does not stop in time is not worth a process left running: on exit, the
  // 'exit' hooks still kill DynamoDB Local.
  setTimeout(() => {
    console.error(`npm start: stopping took over ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
    process.exit(0);
  }, STOP_DEADLINE_MS).unref();
  await platform.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
// Whoever started us is gone (killed without passing the signal on): stop as on SIGTERM.
whenOrphaned(stop);
