import { scanIamStatements } from "../iam-statements";
import type { PolicyRule } from "../policy-rule";

/** `*` or `service:*` in an Allow grants actions nobody reviewed; Deny statements may use them. */
export const noWildcardActions: PolicyRule = {
  id: "no-wildcard-actions",
  description: 'no Allow statement grants "Action": "*" or "<service>:*"',
  check(stack) {
    return scanIamStatements(stack)
      .statements.filter((statement) => statement.effect === "Allow")
      .flatMap((statement) =>
        statement.actions
          .filter((action) => action === "*" || /^[a-z0-9-]+:\*$/.test(action))
          .map((action) => ({ rule: this.id, address: statement.address, message: `allows "${action}"` })),
      );
  },
};
