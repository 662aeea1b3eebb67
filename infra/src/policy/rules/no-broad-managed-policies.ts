import type { PolicyRule } from "../policy-rule";
import { resourcesOf } from "../synthesized-stack";

const BROAD_MANAGED_POLICY =
  /arn:[a-z-]+:iam::aws:policy\/(?:[\w+=,.@-]+\/)*(AdministratorAccess|[\w+=,.@-]*FullAccess)\b/;

/** AWS managed `*FullAccess` and `AdministratorAccess` policies grant far more than any function calls. */
export const noBroadManagedPolicies: PolicyRule = {
  id: "no-broad-managed-policies",
  description: "no *FullAccess or AdministratorAccess managed policy is attached anywhere",
  check(stack) {
    return resourcesOf(stack).flatMap((resource) => {
      const match = BROAD_MANAGED_POLICY.exec(JSON.stringify(resource.config));
      return match
        ? [{ rule: this.id, address: resource.address, message: `attaches the managed policy ${match[1]}` }]
        : [];
    });
  },
};
