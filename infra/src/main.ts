import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createPlatformApp } from "./platform-app";
import { unknownIamActions } from "./policy/iam-action-names";
import type { SynthesizedStack } from "./policy/synthesized-stack";
import { MissingBundleError } from "./serving/lambda-archive";

// Entry point of `cdktf synth|diff|deploy` and `pnpm synth`.
async function main(): Promise<number> {
  let app: ReturnType<typeof createPlatformApp>;
  try {
    app = createPlatformApp();
    app.synth();
  } catch (error) {
    if (!(error instanceof MissingBundleError)) throw error;
    console.error(error.message);
    return 1;
  }
  // The synth-time aspect cannot wait for the IAM reference, so action names are checked here.
  const manifest = JSON.parse(readFileSync(join(app.outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  let failures = 0;
  for (const [name, stack] of Object.entries(manifest.stacks)) {
    const json = JSON.parse(
      readFileSync(join(app.outdir, stack.synthesizedStackPath), "utf8"),
    ) as SynthesizedStack;
    for (const violation of await unknownIamActions(json)) {
      console.error(`[${name}] ${violation.address} ${violation.message}`);
      failures += 1;
    }
  }
  return failures > 0 ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
});
