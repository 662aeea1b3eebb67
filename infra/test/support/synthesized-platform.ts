import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { ENVIRONMENTS, type EnvironmentName } from "../../src/config/environments";
import type { SynthesizedStack } from "../../src/policy/synthesized-stack";

export interface SynthesizedPlatform {
  readonly outdir: string;
  readonly stacks: Readonly<Record<EnvironmentName, SynthesizedStack>>;
}

/**
 * The stacks of every environment from the run's one synth (see global-synth.ts), made the way
 * `pnpm synth` makes them, aspects included.
 */
export function synthesizedPlatform(): SynthesizedPlatform {
  const outdir = inject("platformOutdir");
  const read = (name: string) =>
    JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as SynthesizedStack;
  return { outdir, stacks: { dev: read(ENVIRONMENTS.dev.name), prod: read(ENVIRONMENTS.prod.name) } };
}

/**
 * A block of synthesized Terraform JSON. Its shape is the provider's, not ours, so tests read it
 * untyped and assert on it.
 */
// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON has no static type to check against
export type TerraformJson = any;

/** Resources of one type in a synthesized stack, by logical name. */
export function resourcesOfType(stack: SynthesizedStack, type: string): Record<string, TerraformJson> {
  return (stack.resource?.[type] ?? {}) as Record<string, TerraformJson>;
}

export function onlyResource(stack: SynthesizedStack, type: string): TerraformJson {
  const all = Object.values(resourcesOfType(stack, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}
