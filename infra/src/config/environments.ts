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
    corsAllowedOrigins: ["http://localhost:3000"],
    api5xxRatePercent: 5,
    latencyP99Ms: 100,
    dataNoncurrentVersionDays: 7,
    configCacheTtlSeconds: 30,
    dataRetentionDays: 90,
    personalizeTimeoutMs: 250,
    // Started by hand (`pnpm personalize:train dev`): a run trains three models, which costs.
    training: { schedule: "cron(0 3 ? * SUN *)", scheduleEnabled: false },
  },
  prod: {
    name: "prod",
    region: "us-east-1",
    namePrefix: `${PROJECT}-prod`,
    owner: "platform-team",
    logRetentionDays: 90,
    deletionProtection: true,
    apiThrottling: { rateLimitPerSecond: 1000, burstLimit: 2000 },
    corsAllowedOrigins: ["https://shop.example.com"],
    alarmEmail: "platform-alerts@example.com",
    api5xxRatePercent: 1,
    latencyP99Ms: 100,
    dataNoncurrentVersionDays: 30,
    configCacheTtlSeconds: 60,
    dataRetentionDays: 400,
    personalizeTimeoutMs: 150,
    // Sundays 03:00 UTC: a quiet hour, with a week of fresh interactions behind each run.
    training: { schedule: "cron(0 3 ? * SUN *)", scheduleEnabled: true },
  },
} as const satisfies Record<string, EnvironmentConfig>;

export type EnvironmentName = keyof typeof ENVIRONMENTS;
export const PROJECT_TAG = PROJECT;
