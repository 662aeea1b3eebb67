/**
 * The one module that imports CDKTF and the AWS provider bindings. Moving to CDK Terrain (`cdktn`,
 * `@cdktn/provider-aws`) is a rename in this file only. Provider classes come from their deep paths:
 * the package's barrel makes synth and type-checking several times slower.
 */

export { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api/index.js";
export { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer/index.js";
export { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration/index.js";
export { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route/index.js";
export { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage/index.js";
export { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution/index.js";
export { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js";
export { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard/index.js";
export { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js";
export { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target/index.js";
export { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group/index.js";
export {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmMetricQuery,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js";
export { CognitoIdentityPool } from "@cdktf/provider-aws/lib/cognito-identity-pool/index.js";
export { CognitoIdentityPoolRolesAttachment } from "@cdktf/provider-aws/lib/cognito-identity-pool-roles-attachment/index.js";
export { CognitoResourceServer } from "@cdktf/provider-aws/lib/cognito-resource-server/index.js";
export { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool/index.js";
export { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client/index.js";
export { CognitoUserPoolDomain } from "@cdktf/provider-aws/lib/cognito-user-pool-domain/index.js";
export { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity/index.js";
export { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition/index.js";
export { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table/index.js";
export { IamRole } from "@cdktf/provider-aws/lib/iam-role/index.js";
export { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy/index.js";
export { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js";
export { LambdaEventSourceMapping } from "@cdktf/provider-aws/lib/lambda-event-source-mapping/index.js";
export { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function/index.js";
export { LambdaFunctionEventInvokeConfig } from "@cdktf/provider-aws/lib/lambda-function-event-invoke-config/index.js";
export { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission/index.js";
export { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
export { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
export { S3BucketAcl } from "@cdktf/provider-aws/lib/s3-bucket-acl/index.js";
export { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js";
export { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js";
export { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy/index.js";
export { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js";
export { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js";
export { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning/index.js";
export { S3Object } from "@cdktf/provider-aws/lib/s3-object/index.js";
export { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine/index.js";
export { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic/index.js";
export { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription/index.js";
export { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue/index.js";
export { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy/index.js";
export type { IAspect, ITerraformDependable } from "cdktf";
export {
  Annotations,
  App,
  Aspects,
  AssetType,
  Fn,
  LocalBackend,
  S3Backend,
  TerraformAsset,
  TerraformElement,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Testing,
} from "cdktf";
