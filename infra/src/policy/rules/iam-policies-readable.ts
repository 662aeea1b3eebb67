import { scanIamStatements } from "../iam-statements";
import type { PolicyRule } from "../policy-rule";

/** A policy the rules cannot read could hide anything, so it fails too. */
export const iamPoliciesReadable: PolicyRule = {
  id: "iam-policies-readable",
  description: "every policy is literal JSON or an aws_iam_policy_document, so the other rules can read it",
  check(stack) {
    return scanIamStatements(stack).unreadable.map(({ address, attribute }) => ({
      rule: this.id,
      address,
      message: `${attribute} is not a literal JSON policy document`,
    }));
  },
};
