/** Everything that differs between environments, typed; one value each, no hidden defaults. */
export interface EnvironmentConfig {
  /** Stack id and the `environment` tag, e.g. `dev`. */
  readonly name: string;
  readonly region: string;
  /** Prefix of every physical name (tables, functions, bucket, API), e.g. `personalize-ab-dev`. */
  readonly namePrefix: string;
  /** Owner tag on every resource. */
  readonly owner: string;
  /** Retention of every log group (functions and API access logs). */
  readonly logRetentionDays: LogRetentionDays;
  /** Table deletion protection; also keeps the data bucket from being destroyed while it holds objects. */
  readonly deletionProtection: boolean;
  readonly apiThrottling: { readonly rateLimitPerSecond: number; readonly burstLimit: number };
  /** Browser origins allowed by the API's CORS configuration. */
  readonly corsAllowedOrigins: readonly string[];
  /** Where alarm notifications go; no subscription is created without one. */
  readonly alarmEmail?: string;
  /** Alarm when an API's 5xx responses exceed this percentage of requests over five minutes. */
  readonly api5xxRatePercent: number;
  /** Alarm when a function's p99 duration exceeds this. */
  readonly latencyP99Ms: number;
  /** Noncurrent versions of training data are deleted after this many days. */
  readonly dataNoncurrentVersionDays: number;
  /** Seconds a function caches experiment and platform config. */
  readonly configCacheTtlSeconds: number;
  /** Days events and exposures are kept before the table's TTL deletes them. */
  readonly dataRetentionDays: number;
  /** Time budget of one Personalize call before the fallback is served. */
  readonly personalizeTimeoutMs: number;
  /** The weekly training run: its EventBridge schedule, and whether the schedule starts it. */
  readonly training: { readonly schedule: string; readonly scheduleEnabled: boolean };
}

/** The values CloudWatch Logs accepts for a retention. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

/** Catches mistakes a type cannot: names AWS would reject, empty origin lists, nonsense limits. */
export function validateEnvironmentConfig(config: EnvironmentConfig): void {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(config.namePrefix)) {
    problems.push(`namePrefix "${config.namePrefix}" must be 2-40 lowercase letters, digits or dashes`);
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(config.region))
    problems.push(`region "${config.region}" is not a region`);
  if (!LOG_RETENTION_DAYS.includes(config.logRetentionDays)) {
    problems.push(`logRetentionDays ${config.logRetentionDays} is not a CloudWatch retention`);
  }
  if (!Number.isInteger(config.dataRetentionDays) || config.dataRetentionDays < 1) {
    problems.push(`dataRetentionDays ${config.dataRetentionDays} must be a whole number of days, at least 1`);
  }
  if (config.corsAllowedOrigins.length === 0) problems.push("corsAllowedOrigins is empty");
  if (config.apiThrottling.rateLimitPerSecond <= 0 || config.apiThrottling.burstLimit <= 0) {
    problems.push("apiThrottling limits must be positive");
  }
  if (config.alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(config.alarmEmail)) {
    problems.push(`alarmEmail "${config.alarmEmail}" is not an e-mail address`);
  }
  if (!/^(cron|rate)\(.+\)$/.test(config.training.schedule)) {
    problems.push(
      `training.schedule "${config.training.schedule}" is not an EventBridge schedule expression`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Environment "${config.name}" is misconfigured:\n- ${problems.join("\n- ")}`);
  }
}
