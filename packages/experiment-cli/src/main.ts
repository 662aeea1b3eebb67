#!/usr/bin/env -S npx tsx
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "./run-cli";

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // Run through the root scripts, this is the repository root.
  cwd: process.cwd(),
  env: process.env,
  repositoryRoot: join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".."),
});
