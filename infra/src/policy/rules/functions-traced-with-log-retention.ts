import type { PolicyRule } from "../policy-rule";
import { firstBlock, type PolicyViolation, referencedName, resourcesOf } from "../synthesized-stack";

/** Every function traces with X-Ray and logs into a group that expires its logs. */
export const functionsTracedWithLogRetention: PolicyRule = {
  id: "functions-traced-with-log-retention",
  description: "every Lambda function has active tracing and a log group with a retention",
  check(stack) {
    const groups = resourcesOf(stack, "aws_cloudwatch_log_group");
    const violations: PolicyViolation[] = [];
    for (const fn of resourcesOf(stack, "aws_lambda_function")) {
      if (firstBlock(fn.config.tracing_config)?.mode !== "Active") {
        violations.push({ rule: this.id, address: fn.address, message: "has no active X-Ray tracing" });
      }
      const logGroup =
        firstBlock(fn.config.logging_config)?.log_group ?? `/aws/lambda/${fn.config.function_name}`;
      const referenced = referencedName(logGroup, "aws_cloudwatch_log_group");
      const group = groups.find((g) => (referenced ? g.name === referenced : g.config.name === logGroup));
      if (!group) {
        violations.push({
          rule: this.id,
          address: fn.address,
          message: "logs to a group this stack does not manage",
        });
      } else if (!(Number(group.config.retention_in_days) > 0)) {
        violations.push({
          rule: this.id,
          address: fn.address,
          message: `its log group ${group.address} never expires`,
        });
      }
    }
    return violations;
  },
};
