import type { PolicyRule } from "./policy-rule";
import { bucketsNeverPublic } from "./rules/buckets-never-public";
import { functionsTracedWithLogRetention } from "./rules/functions-traced-with-log-retention";
import { iamPoliciesReadable } from "./rules/iam-policies-readable";
import { noBroadManagedPolicies } from "./rules/no-broad-managed-policies";
import { noWildcardActions } from "./rules/no-wildcard-actions";
import { tablesEncryptedWithRecovery } from "./rules/tables-encrypted-with-recovery";
import { wildcardResourcesOnlyWhereRequired } from "./rules/wildcard-resources-only-where-required";
import type { PolicyViolation, SynthesizedStack } from "./synthesized-stack";

export const POLICY_RULES: readonly PolicyRule[] = [
  noBroadManagedPolicies,
  noWildcardActions,
  wildcardResourcesOnlyWhereRequired,
  iamPoliciesReadable,
  tablesEncryptedWithRecovery,
  bucketsNeverPublic,
  functionsTracedWithLogRetention,
];

export function checkStack(
  stack: SynthesizedStack,
  rules: readonly PolicyRule[] = POLICY_RULES,
): PolicyViolation[] {
  return rules.flatMap((rule) => rule.check(stack));
}
