import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  FUNCTIONS,
  type FunctionKey,
  type RouteDefinition,
  SERVER_SCOPE,
  TABLE_KEYS,
} from "@personalize-ab/domain";
import type { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { ClientAuth } from "../src/api/client-auth";
import { HttpApi } from "../src/api/http-api";
import { AwsContext } from "../src/aws-context";
import { Testing } from "../src/cdktf";
import { ENVIRONMENTS } from "../src/config/environments";
import { AlarmTopic } from "../src/observability/alarm-topic";
import { NodejsFunction } from "../src/serving/nodejs-function";
import { DataBucket } from "../src/storage/data-bucket";
import { PlatformTables } from "../src/storage/platform-tables";
import type { TerraformJson } from "./support/synthesized-platform";
import { writeBundle } from "./support/temporary-bundles";

const synth = (build: (scope: Construct) => void): TerraformJson => JSON.parse(Testing.synthScope(build));
const dev = ENVIRONMENTS.dev;

function functionFor(scope: Construct, key: FunctionKey): NodejsFunction {
  const root = mkdtempSync(join(tmpdir(), "constructs-"));
  return new NodejsFunction(scope, key, {
    functionName: `${dev.namePrefix}-${FUNCTIONS[key].app}`,
    description: key,
    app: FUNCTIONS[key].app,
    bundleDirectory: writeBundle(root, FUNCTIONS[key].app, `export const handler = () => "${key}";\n`),
    archiveDirectory: root,
    memoryMb: 128,
    timeoutSeconds: 3,
    logRetentionDays: 7,
    environment: {},
    statements: [],
  });
}

describe("PlatformTables", () => {
  it("emits one table per catalog entry and honours the deletion protection setting", () => {
    const json = synth((scope) => new PlatformTables(scope, "tables", { ...dev, deletionProtection: true }));
    const tables = Object.values(json.resource.aws_dynamodb_table) as TerraformJson[];
    expect(tables).toHaveLength(TABLE_KEYS.length);
    expect(tables.every((t) => t.deletion_protection_enabled === true)).toBe(true);
  });
});

describe("DataBucket", () => {
  it("names the bucket after the prefix and the account, and lets dev buckets be destroyed with content", () => {
    const json = synth(
      (scope) => new DataBucket(scope, "data", dev, new AwsContext(scope, "aws", dev.region)),
    );
    const bucket = Object.values(json.resource.aws_s3_bucket)[0] as TerraformJson;
    expect(bucket.bucket).toMatch(
      /^personalize-ab-dev-data-\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}$/,
    );
    expect(bucket.force_destroy).toBe(true);
    const ownership = Object.values(json.resource.aws_s3_bucket_ownership_controls)[0] as TerraformJson;
    expect(ownership.rule.object_ownership).toBe("BucketOwnerEnforced");
    const policy = Object.values(json.resource.aws_s3_bucket_policy)[0] as TerraformJson;
    expect(policy.depends_on).toEqual([
      expect.stringMatching(/^aws_s3_bucket_public_access_block\.data_public-access-block_[0-9A-F]{8}$/),
    ]);
  });
});

describe("HttpApi", () => {
  it("scopes a route with a path parameter to any one segment, and protects IAM routes", () => {
    const routes: RouteDefinition[] = [
      { method: "GET", path: "/experiments/{name}/results", function: "abRouter", auth: "iam" },
      { method: "POST", path: "/events", function: "eventTracker", auth: "none" },
    ];
    const json = synth((scope) => {
      const functions = {
        abRouter: functionFor(scope, "abRouter"),
        eventTracker: functionFor(scope, "eventTracker"),
      } as Record<FunctionKey, NodejsFunction>;
      new HttpApi(
        scope,
        "http",
        dev,
        functions,
        { issuer: "https://issuer.example", audience: ["api"] },
        routes,
      );
    });
    const permissions = Object.values(json.resource.aws_lambda_permission) as TerraformJson[];
    expect(permissions.map((p) => p.source_arn.split("}")[1]).sort()).toEqual([
      "/*/$default",
      "/*/GET/experiments/*/results",
      "/*/POST/events",
    ]);
    const byKey = Object.fromEntries(
      (Object.values(json.resource.aws_apigatewayv2_route) as TerraformJson[]).map((r) => [
        r.route_key,
        r.authorization_type,
      ]),
    );
    expect(byKey).toEqual({
      $default: "NONE",
      "GET /experiments/{name}/results": "AWS_IAM",
      "POST /events": "NONE",
    });
    const api = Object.values(json.resource.aws_apigatewayv2_api)[0] as TerraformJson;
    expect(api.cors_configuration.allow_methods).toEqual(["GET", "POST"]);
  });
});

describe("ClientAuth", () => {
  it("with cognito on, makes a user pool whose issuer and app clients the JWT authorizer trusts", () => {
    const withCognito = { ...dev, clientAuth: { ...dev.clientAuth, cognito: true } };
    const json = synth((scope) => {
      const functions = {
        abRouter: functionFor(scope, "abRouter"),
        eventTracker: functionFor(scope, "eventTracker"),
      } as Record<FunctionKey, NodejsFunction>;
      const auth = new ClientAuth(scope, "auth", withCognito);
      new HttpApi(scope, "http", withCognito, functions, auth.trusted, [
        { method: "POST", path: "/events", function: "eventTracker", auth: "jwt" },
      ]);
    });
    const poolName = Object.keys(json.resource.aws_cognito_user_pool)[0];
    const clients = json.resource.aws_cognito_user_pool_client as Record<string, TerraformJson>;
    const authorizer = Object.values(json.resource.aws_apigatewayv2_authorizer)[0] as TerraformJson;
    expect(authorizer.jwt_configuration).toEqual({
      issuer: `https://cognito-idp.${dev.region}.amazonaws.com/\${aws_cognito_user_pool.${poolName}.id}`,
      audience: Object.keys(clients).map((name) => `\${aws_cognito_user_pool_client.${name}.id}`),
    });
    const server = Object.values(clients).find((client) => client.generate_secret === true)!;
    expect(server).toMatchObject({
      allowed_oauth_flows: ["client_credentials"],
      allowed_oauth_scopes: [SERVER_SCOPE],
    });
    const resourceServer = Object.values(json.resource.aws_cognito_resource_server)[0] as TerraformJson;
    expect(`${resourceServer.identifier}/${resourceServer.scope[0].scope_name}`).toBe(SERVER_SCOPE);
  });

  it("with cognito off, trusts the configured issuer and audience and creates no pool", () => {
    const json = synth((scope) => {
      new ClientAuth(scope, "auth", dev);
    });
    expect(json.resource?.aws_cognito_user_pool).toBeUndefined();
  });
});

describe("AlarmTopic", () => {
  it("subscribes nobody when the environment has no alarm e-mail", () => {
    const json = synth((scope) => new AlarmTopic(scope, "alarms", dev));
    expect(Object.values(json.resource.aws_sns_topic)).toEqual([{ name: "personalize-ab-dev-alarms" }]);
    expect(json.resource.aws_sns_topic_subscription).toBeUndefined();
  });
});
