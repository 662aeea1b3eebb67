import { ENV, type EnvVarName } from "@personalize-ab/domain";

/** A configuration error is ours, not the client's: it fails loudly at the first use. */
export function requireEnv(name: EnvVarName, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export function optionalEnv(name: EnvVarName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[name] || undefined;
}

/** How long experiment config stays cached in memory (CONFIG_CACHE_TTL_SECONDS, default 60 s). */
export function configCacheTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env[ENV.configCacheTtlSeconds] ?? 60);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

export const DEFAULT_DATA_RETENTION_DAYS = 400;

/** How many days events and exposures are kept (DATA_RETENTION_DAYS, default 400). */
export function dataRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env[ENV.dataRetentionDays] ?? DEFAULT_DATA_RETENTION_DAYS);
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_DATA_RETENTION_DAYS;
}

/** The TTL attribute's value: epoch seconds, `days` after the record's own time. */
export function expiresAtSeconds(timestampMs: number, days: number): number {
  return Math.floor(timestampMs / 1000) + days * 86_400;
}
