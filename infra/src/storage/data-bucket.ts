import { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import { S3Bucket, S3BucketLifecycleConfiguration, S3BucketPolicy, S3BucketVersioningA } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import { policyDocument } from "../iam/policy-document";
import { denyInsecureTransport, hardenBucket } from "./bucket-hardening";

/**
 * Training data for Personalize: versioned, encrypted, never public, TLS only, readable by
 * Personalize on behalf of this account only.
 */
export class DataBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, config: EnvironmentConfig, aws: AwsContext) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", {
      // The account id keeps the globally unique name from colliding with another account's.
      bucket: `${config.namePrefix}-data-${aws.accountId}`,
      forceDestroy: !config.deletionProtection,
    });
    const bucketId = this.bucket.id;
    const publicAccessBlock = hardenBucket(this, this.bucket);
    new S3BucketVersioningA(this, "versioning", {
      bucket: bucketId,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucketId,
      rule: [
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: config.dataNoncurrentVersionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const objects = `${this.bucket.arn}/*`;
    new S3BucketPolicy(this, "policy", {
      bucket: bucketId,
      policy: policyDocument([
        denyInsecureTransport(this.bucket),
        {
          // Personalize reads training data with its own service principal; the source-account
          // condition keeps another account's Personalize from using this grant.
          Sid: "PersonalizeReadsTrainingData",
          Effect: "Allow",
          Principal: { Service: "personalize.amazonaws.com" },
          Action: ["s3:GetObject", "s3:ListBucket"],
          Resource: [this.bucket.arn, objects],
          Condition: { StringEquals: { "aws:SourceAccount": aws.accountId } },
        },
      ]),
      // A policy put before the block is in place could be judged public and rejected.
      dependsOn: [publicAccessBlock],
    });
  }
}
