/**
 * `npm run personalize:train -- <env> [--name-prefix <prefix>] [--poll-seconds <n>]`: starts the
 * environment's training pipeline and follows it until it ends. Exits 0 only when it succeeded.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { SFNClient } from "@aws-sdk/client-sfn";
import { missingAwsSettings } from "@personalize-ab/adapters";
import { startAndFollowTraining } from "./follow-training";

const USAGE = "usage: npm run personalize:train -- <env> [--name-prefix <prefix>] [--poll-seconds <n>]";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "name-prefix": { type: "string" }, "poll-seconds": { type: "string", default: "30" } },
});
const environment = positionals[0];
const pollSeconds = Number(values["poll-seconds"]);
if (!environment || !/^[a-z][a-z0-9-]{0,30}$/.test(environment) || !(pollSeconds > 0)) {
  console.error(USAGE);
  process.exit(2);
}

const sfn = new SFNClient({});
const missing = await missingAwsSettings(sfn.config);
if (missing) {
  console.error(`personalize:train: ${missing}`);
  process.exit(1);
}

try {
  const status = await startAndFollowTraining({
    sfn,
    // The infra stacks name everything `personalize-ab-<env>`.
    namePrefix: values["name-prefix"] ?? `personalize-ab-${environment}`,
    now: () => new Date(),
    sleep: (ms) => sleep(ms),
    print: (line) => console.log(line),
    pollMs: pollSeconds * 1000,
  });
  process.exitCode = status === "SUCCEEDED" ? 0 : 1;
} catch (error) {
  console.error(
    `training could not be started or followed: ${(error as Error).name}: ${(error as Error).message}`,
  );
  process.exitCode = 1;
}
