#!/usr/bin/env -S npx tsx
import { groundTruthTable } from "./ground-truth-table";
import { interleavingTruthTable } from "./interleaving-truth-table";
import { SimulationOptionError } from "./option-error";
import { PlatformRequestError } from "./platform-client";
import { simulateExperiment } from "./simulate";
import { parseSimulationArgs, SIMULATOR_USAGE } from "./simulation-options";

try {
  const { options, json, help } = parseSimulationArgs(process.argv.slice(2));
  if (help) {
    console.log(SIMULATOR_USAGE);
  } else {
    const started = performance.now();
    const truth = await simulateExperiment(options);
    if (json) console.log(JSON.stringify(truth, null, 2));
    else {
      console.log(truth.kind === "interleaving" ? interleavingTruthTable(truth) : groundTruthTable(truth));
      console.log(`${options.users} users in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }
} catch (error) {
  if (error instanceof SimulationOptionError) {
    console.error(`${error.message}\n\n${SIMULATOR_USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof PlatformRequestError) {
    console.error(`${error.message}\nIs the platform running (npm start)?`);
    process.exitCode = 1;
  } else throw error;
}
