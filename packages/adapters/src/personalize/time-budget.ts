import { ENV } from "@personalize-ab/domain";

export const DEFAULT_PERSONALIZE_TIMEOUT_MS = 800;

/** How long one Personalize call may take before we stop waiting (PERSONALIZE_TIMEOUT_MS). */
export function personalizeTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env[ENV.personalizeTimeoutMs] ?? DEFAULT_PERSONALIZE_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_PERSONALIZE_TIMEOUT_MS;
}
