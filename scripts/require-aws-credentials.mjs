#!/usr/bin/env node
// Exits 1 with one line naming what to set when the SDK's default chain finds no AWS credentials,
// so deploy and diff say so before Terraform or cdktf print a registry or provider error.
import { defaultProvider } from "@aws-sdk/credential-provider-node";

try {
  // The instance-metadata step is the last in the chain; a second bounds it off EC2.
  await defaultProvider({ timeout: 1000, maxRetries: 0 })();
} catch {
  console.error(
    "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE naming a profile in ~/.aws/config), then run this again",
  );
  process.exit(1);
}
