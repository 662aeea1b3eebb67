import { type PlatformOptions, type RunningPlatform, startPlatform } from "@personalize-ab/local";
import { afterAll, beforeAll } from "vitest";

/**
 * The local platform (`startPlatform`, the stack of `npm start`) on a free port for the test
 * file: started before its tests (within vitest.config's generous hookTimeout), stopped after
 * them. Returns a getter, as it starts later.
 */
export function useLocalPlatform(options: PlatformOptions = {}): () => RunningPlatform {
  let platform: RunningPlatform | undefined;
  beforeAll(async () => {
    platform = await startPlatform({ ...options, port: 0 });
  });
  afterAll(async () => {
    await platform?.stop();
  });
  return () => {
    if (!platform) throw new Error("the local platform is not started yet");
    return platform;
  };
}
