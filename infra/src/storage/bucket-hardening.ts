import type { Construct } from "constructs";
import {
  type S3Bucket,
  S3BucketOwnershipControls,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
} from "../cdktf";
import type { PolicyStatement } from "../iam/policy-document";

/**
 * What every bucket here gets: ACLs disabled, all four public access blocks, SSE-S3 with a bucket
 * key. Created in `scope` with fixed ids, so a bucket's resource addresses do not depend on this
 * helper. Returns the block, which a bucket policy must wait for.
 */
export function hardenBucket(scope: Construct, bucket: S3Bucket): S3BucketPublicAccessBlock {
  new S3BucketOwnershipControls(scope, "ownership", {
    bucket: bucket.id,
    rule: { objectOwnership: "BucketOwnerEnforced" },
  });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, "public-access-block", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketServerSideEncryptionConfigurationA(scope, "encryption", {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
  });
  return publicAccessBlock;
}

/** The bucket policy statement refusing every request not made over TLS. */
export function denyInsecureTransport(bucket: S3Bucket): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: ["s3:*"],
    Resource: [bucket.arn, `${bucket.arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": false } },
  };
}
