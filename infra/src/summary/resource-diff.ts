import type { ResourcesByAddress } from "./synth-output";

export interface AttributeChange {
  /** Dotted path into the configuration, e.g. `environment.variables.EVENTS_TABLE`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ResourceDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly { readonly address: string; readonly changes: readonly AttributeChange[] }[];
}

/** What a base output (e.g. main's) would become if the head output replaced it, by address. */
export function diffResources(base: ResourcesByAddress, head: ResourcesByAddress): ResourceDiff {
  const added = [...head.keys()].filter((address) => !base.has(address));
  const removed = [...base.keys()].filter((address) => !head.has(address));
  const changed = [...head.keys()]
    .filter((address) => base.has(address))
    .map((address) => ({
      address,
      changes: changedAttributes(base.get(address)?.config, head.get(address)?.config, ""),
    }))
    .filter((entry) => entry.changes.length > 0);
  return { added, removed, changed };
}

function changedAttributes(before: unknown, after: unknown, path: string): AttributeChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedAttributes(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => changedAttributes(item, after[index], `${path}[${index}]`));
  }
  // Policy documents and dashboard bodies are JSON strings: compare what they say, not their spacing.
  const beforeJson = parseJson(before);
  const afterJson = parseJson(after);
  if (beforeJson !== undefined && afterJson !== undefined)
    return changedAttributes(beforeJson, afterJson, path);
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parseJson(value: unknown): unknown {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
