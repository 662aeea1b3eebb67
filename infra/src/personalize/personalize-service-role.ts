import { TRAINING_DATA_PREFIX } from "@personalize-ab/domain";
import { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import type { IamRole } from "../cdktf";
import { allow } from "../iam/policy-document";
import { serviceRole } from "../training-pipeline/service-role";

/**
 * The role Personalize assumes to read training data: objects under the training prefix and a
 * listing of that prefix, nothing else in the bucket. Only this account's Personalize may assume it.
 */
export class PersonalizeServiceRole extends Construct {
  readonly role: IamRole;

  constructor(
    scope: Construct,
    id: string,
    props: { namePrefix: string; bucketArn: string; aws: AwsContext },
  ) {
    super(scope, id);
    this.role = serviceRole(this, "personalize", {
      name: `${props.namePrefix}-personalize`,
      service: "personalize.amazonaws.com",
      aws: props.aws,
      statements: [
        allow(["s3:GetObject"], [`${props.bucketArn}/${TRAINING_DATA_PREFIX}*`], "ReadTrainingData"),
        {
          ...allow(["s3:ListBucket"], [props.bucketArn], "ListTrainingData"),
          Condition: { StringLike: { "s3:prefix": [`${TRAINING_DATA_PREFIX}*`] } },
        },
      ],
    });
  }
}
