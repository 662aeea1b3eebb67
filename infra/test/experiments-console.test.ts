import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROUTES, type RouteDefinition } from "@personalize-ab/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { sourceArnPath } from "../src/api/http-api";
import { App, Testing } from "../src/cdktf";
import { validateEnvironmentConfig } from "../src/config/environment-config";
import { ENVIRONMENTS } from "../src/config/environments";
import { CONSOLE_CONFIG_KEY } from "../src/console/console-access";
import { PlatformStack } from "../src/platform-stack";
import { checkStack } from "../src/policy/check-stack";
import type { SynthesizedStack } from "../src/policy/synthesized-stack";
import {
  onlyResource,
  resourcesOfType,
  synthesizedPlatform,
  type TerraformJson,
} from "./support/synthesized-platform";
import { temporaryBundles } from "./support/temporary-bundles";

const ALLOWED_CIDRS = ["203.0.113.0/24"];
const withConsole = { ...ENVIRONMENTS.dev, console: { enabled: true, allowedCidrs: ALLOWED_CIDRS } };
let stack: SynthesizedStack;

/** A console build in a temporary folder: the page, its two assets. */
function temporarySite(): string {
  const site = mkdtempSync(join(tmpdir(), "console-site-"));
  mkdirSync(join(site, "console"));
  writeFileSync(join(site, "index.html"), "<!doctype html><title>console</title>");
  writeFileSync(join(site, "console", "app.js"), "export {};");
  writeFileSync(join(site, "console", "app.css"), "body{}");
  return site;
}

beforeAll(() => {
  const app = Testing.stubVersion(new App({ outdir: mkdtempSync(join(tmpdir(), "console-synth-")) }));
  const platform = new PlatformStack(app, "dev", {
    config: withConsole,
    bundles: temporaryBundles(),
    consoleSiteDirectory: temporarySite(),
  });
  stack = JSON.parse(Testing.synth(platform)) as SynthesizedStack;
});

const objectsByKey = () =>
  Object.fromEntries(
    Object.values(resourcesOfType(stack, "aws_s3_object")).map((object: TerraformJson) => [
      object.key,
      object,
    ]),
  );

describe("the experiments console in AWS", () => {
  it("is off in every environment as configured", () => {
    for (const deployed of Object.values(synthesizedPlatform().stacks)) {
      expect(resourcesOfType(deployed, "aws_cloudfront_distribution")).toEqual({});
      expect(resourcesOfType(deployed, "aws_cognito_identity_pool")).toEqual({});
    }
    expect(Object.values(ENVIRONMENTS).map((environment) => environment.console.enabled)).toEqual([
      false,
      false,
    ]);
  });

  it("serves the site from a private bucket through CloudFront with origin access control, over HTTPS", () => {
    const distribution = onlyResource(stack, "aws_cloudfront_distribution");
    const accessControl = onlyResource(stack, "aws_cloudfront_origin_access_control");
    expect(accessControl).toMatchObject({
      origin_access_control_origin_type: "s3",
      signing_behavior: "always",
      signing_protocol: "sigv4",
    });
    expect(distribution.default_root_object).toBe("index.html");
    expect(distribution.origin[0].origin_access_control_id).toMatch(/aws_cloudfront_origin_access_control\./);
    expect(distribution.default_cache_behavior).toMatchObject({
      viewer_protocol_policy: "redirect-to-https",
      allowed_methods: ["GET", "HEAD"],
    });
    const bucketPolicies = Object.values(resourcesOfType(stack, "aws_s3_bucket_policy")).map(
      (policy: TerraformJson) => JSON.parse(policy.policy),
    );
    const cloudFrontRead = bucketPolicies
      .flatMap((policy) => policy.Statement)
      .find((statement) => statement.Sid === "CloudFrontReadsTheConsole");
    expect(cloudFrontRead).toMatchObject({
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: ["s3:GetObject"],
    });
    expect(cloudFrontRead.Condition.StringEquals["AWS:SourceArn"]).toMatch(
      /aws_cloudfront_distribution\.[\w-]+\.arn/,
    );
  });

  it("uploads the built page and assets with their content types, and a config naming the API, pool and role", () => {
    const objects = objectsByKey();
    expect(Object.keys(objects).sort()).toEqual([
      "console/app.css",
      "console/app.js",
      CONSOLE_CONFIG_KEY,
      "index.html",
    ]);
    expect(objects["index.html"]).toMatchObject({
      content_type: "text/html; charset=utf-8",
      cache_control: "no-cache",
    });
    expect(objects["console/app.js"].content_type).toBe("text/javascript; charset=utf-8");
    const config = JSON.parse(objects[CONSOLE_CONFIG_KEY].content);
    expect(config).toEqual({
      api_url: expect.stringMatching(/aws_apigatewayv2_api\.[\w-]+\.api_endpoint/),
      region: withConsole.region,
      identity_pool_id: expect.stringMatching(/aws_cognito_identity_pool\.[\w-]+\.id/),
      role_arn: expect.stringMatching(/aws_iam_role\.[\w-]+\.arn/),
    });
  });

  it("lets the identity pool's guests invoke the IAM routes and nothing else, from the allowed networks", () => {
    const pool = onlyResource(stack, "aws_cognito_identity_pool");
    expect(pool).toMatchObject({ allow_unauthenticated_identities: true, allow_classic_flow: true });
    const role = Object.values(resourcesOfType(stack, "aws_iam_role")).find(
      (candidate: TerraformJson) => candidate.name === "personalize-ab-dev-console-guest",
    );
    const trust = JSON.parse(role.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Federated: "cognito-identity.amazonaws.com" });
    expect(trust.Condition["ForAnyValue:StringLike"]).toEqual({
      "cognito-identity.amazonaws.com:amr": "unauthenticated",
    });
    const guestPolicy = Object.values(resourcesOfType(stack, "aws_iam_role_policy")).find(
      (candidate: TerraformJson) => candidate.name === "invoke-iam-routes",
    );
    const statements = JSON.parse(guestPolicy.policy).Statement;
    expect(statements).toHaveLength(1);
    const iamRoutes = (ROUTES as readonly RouteDefinition[]).filter((route) => route.auth === "iam");
    expect(iamRoutes.length).toBeGreaterThan(1);
    expect(statements[0].Action).toEqual(["execute-api:Invoke"]);
    expect(statements[0].Resource).toEqual(
      iamRoutes.map((route) =>
        expect.stringMatching(new RegExp(`/\\*/${route.method}${escapeRegExp(sourceArnPath(route.path))}$`)),
      ),
    );
    expect(statements[0].Condition).toEqual({ IpAddress: { "aws:SourceIp": ALLOWED_CIDRS } });
    expect(onlyResource(stack, "aws_cognito_identity_pool_roles_attachment").roles).toEqual({
      unauthenticated: expect.stringMatching(/aws_iam_role\.[\w-]+\.arn/),
    });
  });

  it("allows the console's origin and the signature headers through the API's CORS", () => {
    const cors = onlyResource(stack, "aws_apigatewayv2_api").cors_configuration;
    expect(cors.allow_origins).toEqual([
      ...withConsole.corsAllowedOrigins,
      expect.stringMatching(/^https:\/\/\$\{aws_cloudfront_distribution\.[\w-]+\.domain_name\}$/),
    ]);
    expect(cors.allow_headers).toEqual(
      expect.arrayContaining(["authorization", "x-amz-date", "x-amz-security-token"]),
    );
  });

  it("passes every policy rule, and refuses an enabled console with no allowed networks", () => {
    expect(checkStack(stack)).toEqual([]);
    expect(() =>
      validateEnvironmentConfig({ ...withConsole, console: { enabled: true, allowedCidrs: [] } }),
    ).toThrow(/console.allowedCidrs is empty/);
    expect(() =>
      validateEnvironmentConfig({ ...withConsole, console: { enabled: true, allowedCidrs: ["everyone"] } }),
    ).toThrow(/"everyone" is not a CIDR block/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
