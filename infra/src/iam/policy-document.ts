/** One IAM statement as it appears in a policy document. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: string | Record<string, string | readonly string[]>;
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Record<string, Record<string, string | boolean | readonly string[]>>;
}

/**
 * A literal JSON policy document. Literal JSON (not `jsonencode`) keeps the synthesized policy
 * readable in plans and checkable by the policy rules; references inside it become interpolations.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function allow(
  actions: readonly string[],
  resources: readonly string[],
  sid?: string,
): PolicyStatement {
  return { ...(sid ? { Sid: sid } : {}), Effect: "Allow", Action: actions, Resource: resources };
}

/** Trust policy that lets one AWS service assume a role. */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}
