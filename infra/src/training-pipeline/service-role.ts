import type { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import { IamRole, IamRolePolicy } from "../cdktf";
import { type PolicyStatement, policyDocument } from "../iam/policy-document";

/** A role one AWS service assumes on this account's behalf only, allowed exactly `statements`. */
export function serviceRole(
  scope: Construct,
  id: string,
  props: { name: string; service: string; aws: AwsContext; statements: readonly PolicyStatement[] },
): IamRole {
  const role = new IamRole(scope, `${id}-role`, {
    name: props.name,
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: props.service },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": props.aws.accountId } },
        },
      ],
    }),
  });
  new IamRolePolicy(scope, `${id}-policy`, {
    name: "least-privilege",
    role: role.id,
    policy: policyDocument(props.statements),
  });
  return role;
}
