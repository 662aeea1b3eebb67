import type { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import {
  Aspects,
  AwsProvider,
  CloudwatchLogGroup,
  DynamodbTable,
  Fn,
  IamRole,
  IamRolePolicy,
  IamRolePolicyAttachment,
  LambdaFunction,
  S3Bucket,
  S3BucketAcl,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  TerraformStack,
  Testing,
} from "../src/cdktf";
import { allow, policyDocument, serviceTrustPolicy } from "../src/iam/policy-document";
import { checkStack, POLICY_RULES } from "../src/policy/check-stack";
import { PolicyAspect } from "../src/policy/policy-aspect";
import type { PolicyRule } from "../src/policy/policy-rule";
import { bucketsNeverPublic } from "../src/policy/rules/buckets-never-public";
import { functionsTracedWithLogRetention } from "../src/policy/rules/functions-traced-with-log-retention";
import { iamPoliciesReadable } from "../src/policy/rules/iam-policies-readable";
import { noBroadManagedPolicies } from "../src/policy/rules/no-broad-managed-policies";
import { noWildcardActions } from "../src/policy/rules/no-wildcard-actions";
import { tablesEncryptedWithRecovery } from "../src/policy/rules/tables-encrypted-with-recovery";
import { wildcardResourcesOnlyWhereRequired } from "../src/policy/rules/wildcard-resources-only-where-required";
import type { SynthesizedStack } from "../src/policy/synthesized-stack";

/** A stack with the AWS provider, as every real stack has, so full synth validation passes. */
function awsStack(id: string): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  return stack;
}

/** Builds a small stack, returns its Terraform JSON and what the synth-time aspect said. */
function synthesize(build: (scope: Construct) => void) {
  const stack = new TerraformStack(Testing.app(), "stack");
  build(stack);
  Aspects.of(stack).add(new PolicyAspect());
  const json = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
  const errors = stack.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => `${c.node.path}: ${m.data}`),
    );
  return { json, errors };
}

function messages(rule: PolicyRule, build: (scope: Construct) => void): string[] {
  const { json, errors } = synthesize(build);
  const violations = rule.check(json);
  // The aspect reports the same violations as errors on the offending constructs.
  expect(errors.filter((e) => e.includes(`[${rule.id}]`))).toHaveLength(violations.length);
  return violations.map((v) => `${v.address}: ${v.message}`).sort();
}

const role = (scope: Construct) =>
  new IamRole(scope, "role", { name: "r", assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com") });

const table = (scope: Construct, id: string, sse: boolean, pitr: boolean) =>
  new DynamodbTable(scope, id, {
    name: id,
    billingMode: "PAY_PER_REQUEST",
    hashKey: "Id",
    attribute: [{ name: "Id", type: "S" }],
    serverSideEncryption: sse ? { enabled: true } : undefined,
    pointInTimeRecovery: pitr ? { enabled: true } : undefined,
  });

const rolePolicy = (scope: Construct, id: string, policy: string) =>
  new IamRolePolicy(scope, id, { role: role(scope).id, policy });

describe("every rule fails a deliberately bad stack", () => {
  it("no-broad-managed-policies: FullAccess and AdministratorAccess", () => {
    expect(
      messages(noBroadManagedPolicies, (s) => {
        const r = role(s);
        new IamRolePolicyAttachment(s, "dynamo", {
          role: r.name,
          policyArn: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
        });
        new IamRolePolicyAttachment(s, "admin", {
          role: r.name,
          policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        });
        new IamRolePolicyAttachment(s, "basic", {
          role: r.name,
          policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        });
      }),
    ).toEqual([
      "aws_iam_role_policy_attachment.admin: attaches the managed policy AdministratorAccess",
      "aws_iam_role_policy_attachment.dynamo: attaches the managed policy AmazonDynamoDBFullAccess",
    ]);
  });

  it('no-wildcard-actions: "*" and "service:*" in Allow, not in Deny', () => {
    expect(
      messages(noWildcardActions, (s) => {
        const t = table(s, "things", true, true);
        rolePolicy(
          s,
          "too-much",
          policyDocument([
            allow(["*"], [t.arn]),
            allow(["dynamodb:*"], [t.arn]),
            { Effect: "Deny", Action: ["s3:*"], Resource: [t.arn] },
          ]),
        );
      }),
    ).toEqual([
      'aws_iam_role_policy.too-much: allows "*"',
      'aws_iam_role_policy.too-much: allows "dynamodb:*"',
    ]);
  });

  it('wildcard-resources-only-where-required: "*" only for actions without a resource type', () => {
    expect(
      messages(wildcardResourcesOnlyWhereRequired, (s) =>
        rolePolicy(
          s,
          "anywhere",
          policyDocument([
            allow(["personalize:PutEvents", "xray:PutTraceSegments", "dynamodb:GetItem"], ["*"]),
          ]),
        ),
      ),
    ).toEqual(['aws_iam_role_policy.anywhere: allows "dynamodb:GetItem" on "*"; name its resources']);
  });

  it("iam-policies-readable: a policy built at apply time cannot be checked", () => {
    expect(
      messages(iamPoliciesReadable, (s) =>
        rolePolicy(
          s,
          "opaque",
          Fn.jsonencode({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
        ),
      ),
    ).toEqual(["aws_iam_role_policy.opaque: policy is not a literal JSON policy document"]);
  });

  it("tables-encrypted-with-recovery: encryption and point-in-time recovery on every table", () => {
    expect(
      messages(tablesEncryptedWithRecovery, (s) => {
        table(s, "plain", false, true);
        table(s, "unrecoverable", true, false);
        table(s, "fine", true, true);
      }),
    ).toEqual([
      "aws_dynamodb_table.plain: has no server-side encryption",
      "aws_dynamodb_table.unrecoverable: has no point-in-time recovery",
    ]);
  });

  it("buckets-never-public: full public access block, no public ACL, no policy allowing everyone", () => {
    expect(
      messages(bucketsNeverPublic, (s) => {
        new S3Bucket(s, "unblocked", { bucket: "unblocked" });
        const half = new S3Bucket(s, "half-blocked", { bucket: "half-blocked" });
        new S3BucketPublicAccessBlock(s, "half-block", {
          bucket: half.id,
          blockPublicAcls: true,
          blockPublicPolicy: false,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        });
        const open = new S3Bucket(s, "open", { bucket: "open" });
        new S3BucketPublicAccessBlock(s, "open-block", {
          bucket: open.id,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        });
        new S3BucketAcl(s, "open-acl", { bucket: open.id, acl: "public-read" });
        new S3BucketPolicy(s, "open-policy", {
          bucket: open.id,
          policy: policyDocument([
            {
              Effect: "Allow",
              Principal: { AWS: "*" },
              Action: ["s3:GetObject"],
              Resource: [`${open.arn}/*`],
            },
          ]),
        });
      }),
    ).toEqual([
      "aws_s3_bucket.half-blocked: has no full public access block",
      "aws_s3_bucket.unblocked: has no full public access block",
      "aws_s3_bucket_acl.open-acl: grants the public ACL public-read",
      "aws_s3_bucket_policy.open-policy: allows any principal",
    ]);
  });

  it("functions-traced-with-log-retention: active tracing and a log group that expires", () => {
    expect(
      messages(functionsTracedWithLogRetention, (s) => {
        const r = role(s);
        const fn = (id: string, tracing: string, logGroup?: string) =>
          new LambdaFunction(s, id, {
            functionName: id,
            role: r.arn,
            runtime: "nodejs22.x",
            handler: "handler.handler",
            filename: "code.zip",
            tracingConfig: { mode: tracing },
            loggingConfig: logGroup ? { logFormat: "JSON", logGroup } : undefined,
          });
        fn(
          "untraced",
          "PassThrough",
          new CloudwatchLogGroup(s, "kept", { name: "kept", retentionInDays: 7 }).name,
        );
        fn("unlogged", "Active");
        fn("forever", "Active", new CloudwatchLogGroup(s, "eternal", { name: "eternal" }).name);
        new CloudwatchLogGroup(s, "by-name", { name: "/aws/lambda/default-group", retentionInDays: 7 });
        fn("default-group", "Active");
      }),
    ).toEqual([
      "aws_lambda_function.forever: its log group aws_cloudwatch_log_group.eternal never expires",
      "aws_lambda_function.unlogged: logs to a group this stack does not manage",
      "aws_lambda_function.untraced: has no active X-Ray tracing",
    ]);
  });

  it("covers every rule of the policy", () => {
    expect(POLICY_RULES.map((rule) => rule.id).sort()).toEqual(
      [
        bucketsNeverPublic,
        functionsTracedWithLogRetention,
        iamPoliciesReadable,
        noBroadManagedPolicies,
        noWildcardActions,
        tablesEncryptedWithRecovery,
        wildcardResourcesOnlyWhereRequired,
      ]
        .map((rule) => rule.id)
        .sort(),
    );
  });
});

describe("the policy aspect", () => {
  it("fails the synth of a stack that breaks a rule, naming the rule and the construct", () => {
    const stack = awsStack("bad");
    rolePolicy(stack, "admin", policyDocument([allow(["*"], ["*"])]));
    Aspects.of(stack).add(new PolicyAspect());
    expect(() => Testing.fullSynth(stack)).toThrow(/\[bad\/admin\] \[no-wildcard-actions\]/);
  });

  it("lets a compliant stack synthesize", () => {
    const stack = awsStack("good");
    table(stack, "fine", true, true);
    Aspects.of(stack).add(new PolicyAspect());
    expect(() => Testing.fullSynth(stack)).not.toThrow();
    expect(checkStack(JSON.parse(Testing.synth(stack)))).toEqual([]);
  });
});
