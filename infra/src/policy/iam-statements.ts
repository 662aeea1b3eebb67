import { dataSourcesOf, resourcesOf, type SynthesizedStack } from "./synthesized-stack";

/** An IAM statement found anywhere in a stack, normalised to lists. */
export interface FoundStatement {
  readonly address: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Principals of a resource-based policy, as written; undefined in identity policies. */
  readonly principal: unknown;
}

export interface PolicyScan {
  readonly statements: FoundStatement[];
  /** Policies that are neither literal JSON nor a policy-document data source, so cannot be checked. */
  readonly unreadable: { readonly address: string; readonly attribute: string }[];
}

/** Resource types and the attributes that hold a JSON policy document. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ["assume_role_policy"],
  aws_iam_role_policy: ["policy"],
  aws_iam_policy: ["policy"],
  aws_iam_user_policy: ["policy"],
  aws_iam_group_policy: ["policy"],
  aws_s3_bucket_policy: ["policy"],
  aws_sns_topic_policy: ["policy"],
  aws_sqs_queue_policy: ["policy"],
};

const POLICY_DOCUMENT_DATA_REFERENCE = /^\$\{data\.aws_iam_policy_document\.[A-Za-z0-9_-]+\.json\}$/;

export function scanIamStatements(stack: SynthesizedStack): PolicyScan {
  const scan: PolicyScan = { statements: [], unreadable: [] };
  for (const [type, attributes] of Object.entries(POLICY_ATTRIBUTES)) {
    for (const resource of resourcesOf(stack, type)) {
      const documents = attributes.map((attribute) => ({ attribute, value: resource.config[attribute] }));
      const inline = resource.config.inline_policy;
      if (Array.isArray(inline)) {
        for (const block of inline) documents.push({ attribute: "inline_policy", value: block?.policy });
      }
      for (const { attribute, value } of documents) {
        if (value === undefined) continue;
        // A data source's statements are scanned below, where they are declared.
        if (typeof value === "string" && POLICY_DOCUMENT_DATA_REFERENCE.test(value)) continue;
        const parsed = parseDocument(value);
        if (!parsed) scan.unreadable.push({ address: resource.address, attribute });
        else scan.statements.push(...parsed.map((statement) => normalise(resource.address, statement)));
      }
    }
  }
  for (const source of dataSourcesOf(stack, "aws_iam_policy_document")) {
    const blocks = source.config.statement;
    for (const block of Array.isArray(blocks) ? blocks : []) {
      scan.statements.push({
        address: source.address,
        effect: typeof block.effect === "string" ? block.effect : "Allow",
        actions: list(block.actions),
        resources: list(block.resources),
        principal: block.principals,
      });
    }
  }
  return scan;
}

function parseDocument(value: unknown): Record<string, unknown>[] | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const document = JSON.parse(value) as { Statement?: unknown };
    const statements = document.Statement;
    if (Array.isArray(statements)) return statements as Record<string, unknown>[];
    if (statements && typeof statements === "object") return [statements as Record<string, unknown>];
    return undefined;
  } catch {
    return undefined;
  }
}

function normalise(address: string, statement: Record<string, unknown>): FoundStatement {
  return {
    address,
    effect: String(statement.Effect),
    actions: list(statement.Action),
    resources: list(statement.Resource),
    principal: statement.Principal,
  };
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
