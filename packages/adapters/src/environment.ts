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
