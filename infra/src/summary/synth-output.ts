import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SynthesizedStack } from "../policy/synthesized-stack";

/** Every resource and data source of one stack by address, with its configuration. */
export type ResourcesByAddress = ReadonlyMap<string, { readonly type: string; readonly config: unknown }>;

export interface SynthesizedOutput {
  readonly stacks: ReadonlyMap<string, ResourcesByAddress>;
}

interface Manifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string }>;
}

/** Reads a `cdktf.out` folder through its manifest, as `cdktf synth` or `pnpm synth` left it. */
export function readSynthOutput(outdir: string): SynthesizedOutput {
  const manifestPath = join(outdir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new Error(
      `${manifestPath} not found: synthesize first ("pnpm synth") or pass another output folder`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  const stacks = new Map<string, ResourcesByAddress>();
  for (const [name, stack] of Object.entries(manifest.stacks).sort(([a], [b]) => a.localeCompare(b))) {
    const json = JSON.parse(
      readFileSync(join(outdir, stack.synthesizedStackPath), "utf8"),
    ) as SynthesizedStack;
    stacks.set(name, resourcesByAddress(json));
  }
  return { stacks };
}

export function resourcesByAddress(json: SynthesizedStack): ResourcesByAddress {
  const found = new Map<string, { type: string; config: unknown }>();
  const sections = [
    ["", json.resource],
    ["data.", json.data],
  ] as const;
  for (const [prefix, section] of sections) {
    for (const [type, byName] of Object.entries(section ?? {})) {
      for (const [name, config] of Object.entries(byName)) {
        // "//" holds CDKTF's construct metadata, not configuration.
        const { "//": _metadata, ...rest } = config;
        found.set(`${prefix}${type}.${name}`, { type: `${prefix}${type}`, config: rest });
      }
    }
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}
