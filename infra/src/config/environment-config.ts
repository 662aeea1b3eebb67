import { ROUTES, routeKey } from "@personalize-ab/domain";

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
  /** The stage's default throttling: every route, unless `routeThrottling` names it. */
  readonly apiThrottling: Throttling;
  /** Throttling of single routes, by route key (`POST /events`); each key must be a catalog route. */
  readonly routeThrottling: Readonly<Record<string, Throttling>>;
  /**
   * Who may call the client routes (`auth: "jwt"`): the HTTP API's JWT authorizer accepts tokens
   * whose `iss` is exactly `issuer` and whose `aud` or `client_id` is one of `audience`. With
   * `cognito`, a Cognito user pool and app clients are created and trusted instead.
   */
  readonly clientAuth: {
    readonly issuer: string;
    readonly audience: readonly string[];
    readonly cognito: boolean;
  };
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
  /** Counter shards per experiment cell (EXPERIMENT_COUNTER_SHARDS); see apps/experiment-counters. */
  readonly experimentCounterShards: number;
  /** Alarm when a stream consumer's oldest unhandled record is older than this. */
  readonly streamIteratorAgeAlarmMs: number;
  /** The weekly training run: its EventBridge schedule, and whether the schedule starts it. */
  readonly training: { readonly schedule: string; readonly scheduleEnabled: boolean };
  /**
   * The experiments console as a static site (S3 behind CloudFront) pointed at this API. Browsers
   * sign their calls with credentials of a Cognito identity pool's guests, whose role may invoke
   * the IAM routes only, and only from `allowedCidrs` (the team's networks).
   */
  readonly console: { readonly enabled: boolean; readonly allowedCidrs: readonly string[] };
}

export interface Throttling {
  readonly rateLimitPerSecond: number;
  readonly burstLimit: number;
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
  const routeKeys = ROUTES.map(routeKey);
  for (const [key, limits] of Object.entries(config.routeThrottling)) {
    if (!routeKeys.includes(key))
      problems.push(`routeThrottling names "${key}", which is not a catalog route`);
    if (limits.rateLimitPerSecond <= 0 || limits.burstLimit <= 0) {
      problems.push(`routeThrottling "${key}" limits must be positive`);
    }
  }
  if (!config.clientAuth.cognito) {
    if (!/^https:\/\/[^\s/]+/.test(config.clientAuth.issuer)) {
      problems.push(`clientAuth.issuer "${config.clientAuth.issuer}" must be an https URL (the OIDC issuer)`);
    }
    if (config.clientAuth.audience.length === 0) problems.push("clientAuth.audience is empty");
  }
  if (config.alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(config.alarmEmail)) {
    problems.push(`alarmEmail "${config.alarmEmail}" is not an e-mail address`);
  }
  if (
    !Number.isInteger(config.experimentCounterShards) ||
    config.experimentCounterShards < 1 ||
    config.experimentCounterShards > 256
  ) {
    problems.push(
      `experimentCounterShards ${config.experimentCounterShards} must be a whole number from 1 to 256`,
    );
  }
  if (!/^(cron|rate)\(.+\)$/.test(config.training.schedule)) {
    problems.push(
      `training.schedule "${config.training.schedule}" is not an EventBridge schedule expression`,
    );
  }
  if (config.console.enabled && config.console.allowedCidrs.length === 0) {
    problems.push("console.allowedCidrs is empty: the console's guests would be allowed from anywhere");
  }
  for (const cidr of config.console.allowedCidrs) {
    if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$|^[0-9a-f:]+\/\d{1,3}$/i.test(cidr)) {
      problems.push(`console.allowedCidrs "${cidr}" is not a CIDR block`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Environment "${config.name}" is misconfigured:\n- ${problems.join("\n- ")}`);
  }
}
