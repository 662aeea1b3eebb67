import { createPlatformApp } from "./platform-app";
import { MissingBundleError } from "./serving/lambda-archive";

// Entry point of `cdktf synth|diff|deploy` and `pnpm synth`.
try {
  createPlatformApp().synth();
} catch (error) {
  if (!(error instanceof MissingBundleError)) throw error;
  console.error(error.message);
  process.exit(1);
}
