import { DEV_BROWSER_ORIGINS } from "@personalize-ab/domain";
import type { EnvironmentConfig } from "./environment-config";

const PROJECT = "personalize-ab";

/** The deployable environments; one stack each. */
export const ENVIRONMENTS = {
  dev: {
    name: "dev",
    region: "us-east-1",
    namePrefix: `${PROJECT}-dev`,
    owner: "platform-team",
    logRetentionDays: 14,
    deletionProtection: false,
    apiThrottling: { rateLimitPerSecond: 50, burstLimit: 100 },
    // Events come several per page view; assignments once per user and test.
    routeThrottling: { "POST /events": { rateLimitPerSecond: 100, burstLimit: 200 } },
    // Replace with your identity provider's issuer and the API's audience before deploying.
    clientAuth: { issuer: "https://auth.dev.example.com/", audience: ["personalize-ab-dev"], cognito: false },
    corsAllowedOrigins: [...DEV_BROWSER_ORIGINS],
    api5xxRatePercent: 5,
    latencyP99Ms: 100,
    dataNoncurrentVersionDays: 7,
    configCacheTtlSeconds: 30,
    dataRetentionDays: 90,
    personalizeTimeoutMs: 250,
    experimentCounterShards: 4,
    streamIteratorAgeAlarmMs: 60_000,
    // Started by hand (`pnpm personalize:train dev`): a run trains three models, which costs.
    training: { schedule: "cron(0 3 ? * SUN *)", scheduleEnabled: false },
    // Off until the team's networks are filled in: `enabled: true, allowedCidrs: ["203.0.113.0/24"]`.
    console: { enabled: false, allowedCidrs: [] },
  },
  prod: {
    name: "prod",
    region: "us-east-1",
    namePrefix: `${PROJECT}-prod`,
    owner: "platform-team",
    logRetentionDays: 90,
    deletionProtection: true,
    apiThrottling: { rateLimitPerSecond: 1000, burstLimit: 2000 },
    routeThrottling: {
      "POST /events": { rateLimitPerSecond: 2000, burstLimit: 4000 },
      "POST /assignments": { rateLimitPerSecond: 500, burstLimit: 1000 },
    },
    clientAuth: { issuer: "https://auth.example.com/", audience: ["personalize-ab"], cognito: false },
    corsAllowedOrigins: ["https://shop.example.com"],
    alarmEmail: "platform-alerts@example.com",
    api5xxRatePercent: 1,
    latencyP99Ms: 100,
    dataNoncurrentVersionDays: 30,
    configCacheTtlSeconds: 60,
    dataRetentionDays: 400,
    personalizeTimeoutMs: 150,
    // Enough for well over 1,000 events/s per variant; see apps/experiment-counters/README.md.
    experimentCounterShards: 16,
    streamIteratorAgeAlarmMs: 60_000,
    // Sundays 03:00 UTC: a quiet hour, with a week of fresh interactions behind each run.
    training: { schedule: "cron(0 3 ? * SUN *)", scheduleEnabled: true },
    console: { enabled: false, allowedCidrs: [] },
  },
} as const satisfies Record<string, EnvironmentConfig>;

export type EnvironmentName = keyof typeof ENVIRONMENTS;
export const PROJECT_TAG = PROJECT;
