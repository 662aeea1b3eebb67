import { scanIamStatements } from "../iam-statements";
import type { PolicyRule } from "../policy-rule";
import { type PolicyViolation, referencedName, resourcesOf } from "../synthesized-stack";

const BLOCK_FLAGS = [
  "block_public_acls",
  "block_public_policy",
  "ignore_public_acls",
  "restrict_public_buckets",
];
const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];

/** Every bucket sits behind a full public access block; no ACL or policy opens it to everyone. */
export const bucketsNeverPublic: PolicyRule = {
  id: "buckets-never-public",
  description:
    "every S3 bucket has all four public access blocks, no public ACL and no policy allowing everyone",
  check(stack) {
    const violations: PolicyViolation[] = [];
    const blocked = new Set(
      resourcesOf(stack, "aws_s3_bucket_public_access_block")
        .filter((block) => BLOCK_FLAGS.every((flag) => block.config[flag] === true))
        .map((block) => referencedName(block.config.bucket, "aws_s3_bucket")),
    );
    for (const bucket of resourcesOf(stack, "aws_s3_bucket")) {
      if (!blocked.has(bucket.name)) {
        violations.push({
          rule: this.id,
          address: bucket.address,
          message: "has no full public access block",
        });
      }
    }
    for (const acl of resourcesOf(stack, "aws_s3_bucket_acl")) {
      if (PUBLIC_ACLS.includes(String(acl.config.acl))) {
        violations.push({
          rule: this.id,
          address: acl.address,
          message: `grants the public ACL ${acl.config.acl}`,
        });
      }
    }
    const bucketPolicies = new Set(
      resourcesOf(stack, "aws_s3_bucket_policy").map((policy) => policy.address),
    );
    for (const statement of scanIamStatements(stack).statements) {
      if (
        bucketPolicies.has(statement.address) &&
        statement.effect === "Allow" &&
        isEveryone(statement.principal)
      ) {
        violations.push({ rule: this.id, address: statement.address, message: "allows any principal" });
      }
    }
    return violations;
  },
};

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal && typeof principal === "object") {
    const aws = (principal as Record<string, unknown>).AWS;
    return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
  }
  return false;
}
