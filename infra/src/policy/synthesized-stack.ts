/** The parts of a synthesized Terraform JSON stack the policy rules read. */
export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly [key: string]: unknown;
}

export interface SynthesizedResource {
  readonly type: string;
  readonly name: string;
  /** `type.name`, or `data.type.name` for data sources, as Terraform prints it. */
  readonly address: string;
  readonly config: Record<string, unknown>;
}

/** A broken rule, pinned to the resource that breaks it. */
export interface PolicyViolation {
  readonly rule: string;
  readonly address: string;
  readonly message: string;
}

export function resourcesOf(stack: SynthesizedStack, type?: string): SynthesizedResource[] {
  return entries(stack.resource, type, "");
}

export function dataSourcesOf(stack: SynthesizedStack, type?: string): SynthesizedResource[] {
  return entries(stack.data, type, "data.");
}

function entries(
  section: SynthesizedStack["resource"],
  type: string | undefined,
  addressPrefix: string,
): SynthesizedResource[] {
  const found: SynthesizedResource[] = [];
  for (const [resourceType, byName] of Object.entries(section ?? {})) {
    if (type !== undefined && resourceType !== type) continue;
    for (const [name, config] of Object.entries(byName)) {
      found.push({ type: resourceType, name, address: `${addressPrefix}${resourceType}.${name}`, config });
    }
  }
  return found;
}

/** A nested block: CDKTF writes a single block as an object, repeated blocks as an array. */
export function firstBlock(value: unknown): Record<string, unknown> | undefined {
  const block = Array.isArray(value) ? value[0] : value;
  return block !== null && typeof block === "object" ? (block as Record<string, unknown>) : undefined;
}

/** The resource name in a whole-value reference such as `${aws_s3_bucket.data_bucket_1234.id}`. */
export function referencedName(value: unknown, type: string): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.[a-z_]+\\}$`).exec(value);
  return match?.[1];
}
