import { ENV } from "@personalize-ab/domain";
import { optionalEnv } from "../environment";
import type { ExperimentConfigSource } from "./experiment-config";

/** The event tracker's id: what the training pipeline published, else the environment's. */
export async function resolveTrackingId(
  config: ExperimentConfigSource,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  return (await config.getPlatformConfig()).trackingId ?? optionalEnv(ENV.trackingId, env);
}
