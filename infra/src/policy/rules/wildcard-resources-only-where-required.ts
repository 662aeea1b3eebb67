import { scanIamStatements } from "../iam-statements";
import type { PolicyRule } from "../policy-rule";
import { WILDCARD_ONLY_ACTIONS } from "../wildcard-only-actions";

/** `"Resource": "*"` is allowed only for actions that have no resource type to scope them to. */
export const wildcardResourcesOnlyWhereRequired: PolicyRule = {
  id: "wildcard-resources-only-where-required",
  description: `"Resource": "*" only for actions without a resource type (${WILDCARD_ONLY_ACTIONS.join(", ")})`,
  check(stack) {
    return scanIamStatements(stack)
      .statements.filter((statement) => statement.effect === "Allow" && statement.resources.includes("*"))
      .flatMap((statement) =>
        statement.actions
          .filter((action) => !WILDCARD_ONLY_ACTIONS.includes(action))
          .map((action) => ({
            rule: this.id,
            address: statement.address,
            message: `allows "${action}" on "*"; name its resources`,
          })),
      );
  },
};
