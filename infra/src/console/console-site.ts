import { readdirSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { Construct } from "constructs";
import {
  AssetType,
  CloudfrontDistribution,
  CloudfrontOriginAccessControl,
  S3Bucket,
  S3BucketPolicy,
  S3Object,
  TerraformAsset,
} from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import { policyDocument } from "../iam/policy-document";
import { denyInsecureTransport, hardenBucket } from "../storage/bucket-hardening";

/** AWS's managed policies: cache by content type with compression, and the usual security headers. */
const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";
const SECURITY_HEADERS_POLICY_ID = "67f7725c-6f97-4210-82d7-5512b31e9d03";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

/** The page itself and its config are always revalidated; the assets are cached briefly (their names are fixed). */
function cacheControlOf(key: string): string {
  return key.endsWith(".html") || key.endsWith(".json") ? "no-cache" : "public, max-age=300";
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export interface ConsoleSiteProps {
  readonly config: EnvironmentConfig;
  readonly accountId: string;
  /** The console's static build (packages/console/dist/site). */
  readonly siteDirectory: string;
}

/**
 * The console's files in a private bucket, served by CloudFront through origin access control: no
 * one reaches the bucket but this distribution, over HTTPS.
 */
export class ConsoleSite extends Construct {
  readonly bucket: S3Bucket;
  readonly distribution: CloudfrontDistribution;
  /** `https://<distribution domain>`, the origin the API's CORS must allow. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    const { config } = props;
    this.bucket = new S3Bucket(this, "bucket", {
      bucket: `${config.namePrefix}-console-${props.accountId}`,
      // Nothing here but a build output, which the next deploy writes again.
      forceDestroy: true,
    });
    const publicAccessBlock = hardenBucket(this, this.bucket);
    const accessControl = new CloudfrontOriginAccessControl(this, "origin-access-control", {
      name: `${config.namePrefix}-console`,
      description: "CloudFront signs its requests to the console bucket",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    const originId = "console-bucket";
    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: `${config.namePrefix} experiments console`,
      defaultRootObject: "index.html",
      priceClass: "PriceClass_100",
      httpVersion: "http2and3",
      origin: [
        {
          originId,
          domainName: this.bucket.bucketRegionalDomainName,
          originAccessControlId: accessControl.id,
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: originId,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
        responseHeadersPolicyId: SECURITY_HEADERS_POLICY_ID,
        compress: true,
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" },
    });
    this.origin = `https://${this.distribution.domainName}`;
    const objects = `${this.bucket.arn}/*`;
    new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: policyDocument([
        denyInsecureTransport(this.bucket),
        {
          // Origin access control: CloudFront's service principal, for this distribution only.
          Sid: "CloudFrontReadsTheConsole",
          Effect: "Allow",
          Principal: { Service: "cloudfront.amazonaws.com" },
          Action: ["s3:GetObject"],
          Resource: [objects],
          Condition: { StringEquals: { "AWS:SourceArn": this.distribution.arn } },
        },
      ]),
      dependsOn: [publicAccessBlock],
    });
    for (const file of filesUnder(props.siteDirectory)) {
      const key = relative(props.siteDirectory, file);
      const asset = new TerraformAsset(this, `asset-${key}`, { path: file, type: AssetType.FILE });
      this.putObject(`file-${key}`, key, { source: asset.path, sourceHash: asset.assetHash });
    }
  }

  /** One object of the site, with the content type and caching a browser needs. */
  putObject(
    id: string,
    key: string,
    body: { source: string; sourceHash: string } | { content: string },
  ): S3Object {
    return new S3Object(this, id, {
      bucket: this.bucket.id,
      key,
      ...body,
      contentType: CONTENT_TYPES[extname(key)] ?? "application/octet-stream",
      cacheControl: cacheControlOf(key),
    });
  }
}
