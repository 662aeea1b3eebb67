import {
  ALL_FUNCTION_DEFINITIONS,
  DEFAULT_ROUTE_FUNCTION,
  ENV,
  FUNCTIONS,
  type FunctionKey,
  ROUTES,
  routeKey,
  STREAM_FUNCTIONS,
  TABLE_KEYS,
  TABLES,
  tableName,
} from "@personalize-ab/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { sourceArnPath } from "../src/api/http-api";
import { ENVIRONMENTS } from "../src/config/environments";
import { checkStack } from "../src/policy/check-stack";
import type { SynthesizedStack } from "../src/policy/synthesized-stack";
import {
  onlyResource,
  resourcesOfType,
  type SynthesizedPlatform,
  synthesizedPlatform,
  type TerraformJson,
} from "./support/synthesized-platform";

let platform: SynthesizedPlatform;
let dev: SynthesizedStack;
let prod: SynthesizedStack;

beforeAll(() => {
  platform = synthesizedPlatform();
  dev = platform.stacks.dev;
  prod = platform.stacks.prod;
});

const tablesOf = (stack: SynthesizedStack) =>
  Object.values(resourcesOfType(stack, "aws_dynamodb_table")).sort((a, b) => a.name.localeCompare(b.name));
const functionsOf = (stack: SynthesizedStack) => Object.values(resourcesOfType(stack, "aws_lambda_function"));
const functionNamed = (stack: SynthesizedStack, key: FunctionKey) => {
  const name = `${ENVIRONMENTS.dev.namePrefix}-${FUNCTIONS[key].app}`;
  const found = functionsOf(stack).find((fn) => fn.function_name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
};

describe("provider and backend", () => {
  it("tags every resource with project, environment and owner", () => {
    const provider = (dev.provider as TerraformJson).aws[0];
    expect(provider.region).toBe(ENVIRONMENTS.dev.region);
    expect(provider.default_tags[0].tags).toEqual({
      project: "personalize-ab",
      environment: "dev",
      owner: "platform-team",
    });
    expect((prod.provider as TerraformJson).aws[0].default_tags[0].tags.environment).toBe("prod");
  });

  it("keeps state locally unless an S3 state bucket is configured", () => {
    expect((dev.terraform as TerraformJson).backend).toEqual({
      local: { path: "../../../terraform.dev.tfstate" },
    });
  });
});

describe("tables", () => {
  it("emits exactly the catalog's tables under the environment prefix", () => {
    expect(tablesOf(dev).map((t) => t.name)).toEqual(
      TABLE_KEYS.map((key) => tableName(ENVIRONMENTS.dev.namePrefix, key)).sort(),
    );
  });

  it("bills on demand, encrypts and keeps point-in-time recovery for every table", () => {
    for (const table of tablesOf(dev)) {
      expect(table.billing_mode).toBe("PAY_PER_REQUEST");
      expect(table.server_side_encryption).toEqual({ enabled: true });
      expect(table.point_in_time_recovery).toEqual({ enabled: true });
    }
  });

  it("protects tables from deletion in prod only", () => {
    expect(tablesOf(prod).every((t) => t.deletion_protection_enabled === true)).toBe(true);
    expect(tablesOf(dev).every((t) => t.deletion_protection_enabled === false)).toBe(true);
  });

  it("declares keys, indexes, streams and TTL as the catalog does", () => {
    for (const key of TABLE_KEYS) {
      const definition = TABLES[key];
      const table = tablesOf(dev).find((t) => t.name === tableName(ENVIRONMENTS.dev.namePrefix, key))!;
      expect(table.hash_key).toBe(definition.partitionKey.name);
      expect(table.range_key).toBe("sortKey" in definition ? definition.sortKey.name : undefined);
      const gsis = "globalIndexes" in definition ? definition.globalIndexes : [];
      expect(
        (table.global_secondary_index ?? []).map((i: TerraformJson) => [i.name, i.hash_key, i.range_key]),
      ).toEqual(gsis.map((i) => [i.name, i.partitionKey.name, "sortKey" in i ? i.sortKey.name : undefined]));
      const lsis = "localIndexes" in definition ? definition.localIndexes : [];
      expect((table.local_secondary_index ?? []).map((i: TerraformJson) => [i.name, i.range_key])).toEqual(
        lsis.map((i) => [i.name, i.sortKey.name]),
      );
      const stream = "stream" in definition ? definition.stream : undefined;
      expect(table.stream_enabled).toBe(stream !== undefined);
      expect(table.stream_view_type).toBe(stream);
      const ttl = "ttlAttribute" in definition ? definition.ttlAttribute : undefined;
      expect(table.ttl).toEqual(ttl ? { attribute_name: ttl, enabled: true } : undefined);
    }
  });

  it("declares each key attribute of a table and its indexes once", () => {
    const events = tablesOf(dev).find((t) => t.name.endsWith(`-${TABLES.events.suffix}`))!;
    expect(events.attribute.map((a: TerraformJson) => a.name).sort()).toEqual([
      "EventId",
      "ReplayPartition",
      "Timestamp",
      "UserId",
    ]);
  });
});

describe("functions", () => {
  it("runs every catalog function on Node 22, arm64, with tracing and JSON logs into its own group", () => {
    const groups = resourcesOfType(dev, "aws_cloudwatch_log_group");
    expect(functionsOf(dev)).toHaveLength(ALL_FUNCTION_DEFINITIONS.length);
    for (const fn of functionsOf(dev)) {
      expect(fn.runtime).toBe("nodejs22.x");
      expect(fn.architectures).toEqual(["arm64"]);
      expect(fn.tracing_config).toEqual({ mode: "Active" });
      expect(fn.logging_config.log_format).toBe("JSON");
      const groupName = /^\$\{aws_cloudwatch_log_group\.([\w-]+)\.name\}$/.exec(
        fn.logging_config.log_group,
      )![1]!;
      expect(groups[groupName]).toMatchObject({
        name: `/aws/lambda/${fn.function_name}`,
        retention_in_days: ENVIRONMENTS.dev.logRetentionDays,
      });
      expect(fn.environment.variables.NODE_OPTIONS).toBe("--enable-source-maps");
    }
  });

  it("sizes each function and sets its environment from the catalog", () => {
    for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
      const fn = functionNamed(dev, key);
      expect(fn.memory_size).toBe(FUNCTIONS[key].memoryMb);
      expect(fn.timeout).toBe(FUNCTIONS[key].timeoutSeconds);
      const declared = new Set<string>(FUNCTIONS[key].env);
      // Only declared variables (plus NODE_OPTIONS); campaign ARNs and the tracking id come after training.
      for (const name of Object.keys(fn.environment.variables)) {
        if (name !== "NODE_OPTIONS") expect(declared).toContain(name);
      }
      expect(fn.environment.variables[ENV.serviceName]).toBe(FUNCTIONS[key].app);
    }
    const recommendations = functionNamed(dev, "recommendations").environment.variables;
    expect(recommendations[ENV.eventsTable]).toMatch(/^\$\{aws_dynamodb_table\.[\w-]+\.name\}$/);
    expect(recommendations[ENV.personalizeTimeoutMs]).toBe(String(ENVIRONMENTS.dev.personalizeTimeoutMs));
  });

  it("gives every function a role of its own", () => {
    const roles = functionsOf(dev).map((fn) => fn.role);
    expect(new Set(roles).size).toBe(roles.length);
    // Plus the service roles of Personalize, the training state machine and its schedule.
    expect(Object.keys(resourcesOfType(dev, "aws_iam_role"))).toHaveLength(roles.length + 3);
  });

  it("ships each bundle as a content-addressed zip asset", () => {
    for (const fn of functionsOf(dev)) {
      expect(fn.filename).toMatch(/^assets\/[\w-]+\/[0-9a-f]{32}\/[\w-]+-[0-9a-f]{32}\.zip$/);
      expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
  });
});

describe("HTTP API", () => {
  it("serves every catalog route through its function with payload format 2.0", () => {
    const routes = Object.values(resourcesOfType(dev, "aws_apigatewayv2_route"));
    const integrations = resourcesOfType(dev, "aws_apigatewayv2_integration");
    expect(routes.map((r) => r.route_key).sort()).toEqual([...ROUTES.map(routeKey), "$default"].sort());
    for (const route of ROUTES) {
      const emitted = routes.find((r) => r.route_key === routeKey(route))!;
      const integrationName = /^integrations\/\$\{aws_apigatewayv2_integration\.([\w-]+)\.id\}$/.exec(
        emitted.target,
      )![1]!;
      const integration = integrations[integrationName]!;
      expect(integration).toMatchObject({ integration_type: "AWS_PROXY", payload_format_version: "2.0" });
      const functionName = /^\$\{aws_lambda_function\.([\w-]+)\.invoke_arn\}$/.exec(
        integration.integration_uri,
      )![1];
      expect(resourcesOfType(dev, "aws_lambda_function")[functionName!]!.function_name).toBe(
        `${ENVIRONMENTS.dev.namePrefix}-${FUNCTIONS[route.function].app}`,
      );
    }
  });

  it("allows API Gateway to invoke each function only through its route", () => {
    const permissions = Object.values(resourcesOfType(dev, "aws_lambda_permission")).filter(
      (p) => p.principal === "apigateway.amazonaws.com",
    );
    expect(permissions).toHaveLength(ROUTES.length + 1);
    expect(
      permissions
        .map((p) => p.source_arn.replace(/^\$\{aws_apigatewayv2_api\.[\w-]+\.execution_arn\}/, ""))
        .sort(),
    ).toEqual([...ROUTES.map((r) => `/*/${r.method}${sourceArnPath(r.path)}`), "/*/$default"].sort());
    for (const permission of permissions) {
      expect(permission).toMatchObject({
        action: "lambda:InvokeFunction",
        principal: "apigateway.amazonaws.com",
      });
    }
  });

  it("auto-deploys a throttled $default stage with JSON access logs kept for the retention", () => {
    const stage = onlyResource(prod, "aws_apigatewayv2_stage");
    expect(stage).toMatchObject({ name: "$default", auto_deploy: true });
    expect(stage.default_route_settings).toMatchObject({
      throttling_rate_limit: ENVIRONMENTS.prod.apiThrottling.rateLimitPerSecond,
      throttling_burst_limit: ENVIRONMENTS.prod.apiThrottling.burstLimit,
    });
    expect(JSON.parse(stage.access_log_settings.format)).toMatchObject({
      requestId: "$context.requestId",
      status: "$context.status",
    });
    const group = /^\$\{aws_cloudwatch_log_group\.([\w-]+)\.arn\}$/.exec(
      stage.access_log_settings.destination_arn,
    )![1]!;
    expect(resourcesOfType(prod, "aws_cloudwatch_log_group")[group]!.retention_in_days).toBe(
      ENVIRONMENTS.prod.logRetentionDays,
    );
  });

  it("guards client routes with the JWT authorizer of the environment's issuer and audience, admin routes with IAM", () => {
    const authorizer = onlyResource(prod, "aws_apigatewayv2_authorizer");
    expect(authorizer).toMatchObject({
      authorizer_type: "JWT",
      identity_sources: ["$request.header.Authorization"],
      jwt_configuration: {
        issuer: ENVIRONMENTS.prod.clientAuth.issuer,
        audience: ENVIRONMENTS.prod.clientAuth.audience,
      },
    });
    const authorizerName = Object.keys(resourcesOfType(prod, "aws_apigatewayv2_authorizer"))[0];
    const routes = Object.values(resourcesOfType(prod, "aws_apigatewayv2_route"));
    for (const route of ROUTES) {
      const emitted = routes.find((r) => r.route_key === routeKey(route))!;
      const expected = { none: "NONE", jwt: "JWT", iam: "AWS_IAM" }[route.auth];
      expect(emitted.authorization_type, routeKey(route)).toBe(expected);
      if (route.auth === "jwt") {
        expect(emitted.authorizer_id).toBe(`\${aws_apigatewayv2_authorizer.${authorizerName}.id}`);
      } else {
        expect(emitted.authorizer_id).toBeUndefined();
      }
    }
    expect(ROUTES.filter((route) => route.auth === "jwt").map(routeKey)).toEqual(
      expect.arrayContaining(["POST /assignments", "POST /recommendations", "POST /events"]),
    );
  });

  it("sends what no route matches to the $default route, answered by a function's 404/405", () => {
    const routes = Object.values(resourcesOfType(dev, "aws_apigatewayv2_route"));
    const fallback = routes.find((r) => r.route_key === "$default")!;
    expect(fallback.authorization_type).toBe("NONE");
    const integrationName = /^integrations\/\$\{aws_apigatewayv2_integration\.([\w-]+)\.id\}$/.exec(
      fallback.target,
    )![1]!;
    const integration = resourcesOfType(dev, "aws_apigatewayv2_integration")[integrationName]!;
    const functionName = /^\$\{aws_lambda_function\.([\w-]+)\.invoke_arn\}$/.exec(
      integration.integration_uri,
    )![1]!;
    expect(resourcesOfType(dev, "aws_lambda_function")[functionName]!.function_name).toBe(
      `${ENVIRONMENTS.dev.namePrefix}-${FUNCTIONS[DEFAULT_ROUTE_FUNCTION].app}`,
    );
  });

  it("throttles the routes the environment names, after they exist", () => {
    const stage = onlyResource(prod, "aws_apigatewayv2_stage");
    expect(stage.route_settings).toEqual(
      Object.entries(ENVIRONMENTS.prod.routeThrottling).map(([key, limits]) => ({
        route_key: key,
        throttling_rate_limit: limits.rateLimitPerSecond,
        throttling_burst_limit: limits.burstLimit,
        detailed_metrics_enabled: true,
      })),
    );
    expect(stage.route_settings.length).toBeGreaterThan(0);
    const routeNames = Object.keys(resourcesOfType(prod, "aws_apigatewayv2_route"));
    expect([...stage.depends_on].sort()).toEqual(
      routeNames.map((name) => `aws_apigatewayv2_route.${name}`).sort(),
    );
  });

  it("creates no Cognito user pool unless the environment asks for one", () => {
    expect(resourcesOfType(dev, "aws_cognito_user_pool")).toEqual({});
    expect(resourcesOfType(prod, "aws_cognito_user_pool")).toEqual({});
  });

  it("allows the environment's CORS origins", () => {
    const api = onlyResource(prod, "aws_apigatewayv2_api");
    expect(api.protocol_type).toBe("HTTP");
    expect(api.cors_configuration.allow_origins).toEqual(ENVIRONMENTS.prod.corsAllowedOrigins);
    expect(onlyResource(dev, "aws_apigatewayv2_api").cors_configuration.allow_origins).toEqual(
      ENVIRONMENTS.dev.corsAllowedOrigins,
    );
  });
});

describe("data bucket", () => {
  it("is versioned, encrypted, blocked from public access and expires old versions", () => {
    expect(onlyResource(dev, "aws_s3_bucket_versioning").versioning_configuration).toEqual({
      status: "Enabled",
    });
    expect(onlyResource(dev, "aws_s3_bucket_server_side_encryption_configuration").rule[0]).toMatchObject({
      apply_server_side_encryption_by_default: { sse_algorithm: "AES256" },
    });
    expect(onlyResource(dev, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(
      onlyResource(prod, "aws_s3_bucket_lifecycle_configuration").rule[0].noncurrent_version_expiration,
    ).toEqual([{ noncurrent_days: ENVIRONMENTS.prod.dataNoncurrentVersionDays }]);
  });

  it("denies plain HTTP and lets only this account's Personalize read", () => {
    const policy = JSON.parse(onlyResource(dev, "aws_s3_bucket_policy").policy);
    const [tls, personalize] = policy.Statement;
    expect(tls).toMatchObject({
      Effect: "Deny",
      Principal: "*",
      Condition: { Bool: { "aws:SecureTransport": false } },
    });
    expect(personalize).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "personalize.amazonaws.com" },
      Action: ["s3:GetObject", "s3:ListBucket"],
      Condition: {
        StringEquals: {
          "aws:SourceAccount": expect.stringMatching(/^\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}$/),
        },
      },
    });
  });
});

describe("observability", () => {
  it("alarms on API 5xx rate, and on errors and p99 latency over 100 ms for each function", () => {
    const alarms = Object.values(resourcesOfType(prod, "aws_cloudwatch_metric_alarm"));
    const functionCount = Object.keys(FUNCTIONS).length;
    // Plus one on failed training runs, three on the event replay (errors, refusals, dead letters),
    // two on the bandit updater (errors, experiments it could not update), and two per stream
    // consumer (iterator age, depth of its failure queue).
    expect(alarms).toHaveLength(1 + 2 * functionCount + 1 + 3 + 2 + 2 * Object.keys(STREAM_FUNCTIONS).length);
    const rate = alarms.find((a) => a.alarm_name.endsWith("-api-5xx-rate"))!;
    expect(rate.threshold).toBe(ENVIRONMENTS.prod.api5xxRatePercent);
    expect(rate.metric_query.map((q: TerraformJson) => q.metric?.metric_name).filter(Boolean)).toEqual([
      "5xx",
      "Count",
    ]);
    const latency = alarms.filter((a) => a.metric_name === "Duration");
    expect(latency).toHaveLength(functionCount);
    expect(latency.every((a) => a.extended_statistic === "p99" && a.threshold === 100)).toBe(true);
    expect(alarms.filter((a) => a.metric_name === "Errors")).toHaveLength(functionCount + 2);
    expect(alarms.find((a) => a.alarm_name.endsWith("-event-replay-still-refused"))).toMatchObject({
      namespace: "PersonalizeAB",
      metric_name: "EventReplayFailures",
      dimensions: { service: "event-replay", Environment: "prod" },
      evaluation_periods: 3,
    });
    expect(alarms.find((a) => a.alarm_name.endsWith("-event-replay-dead-lettered"))).toMatchObject({
      metric_name: "EventsDeadLettered",
      dimensions: { service: "event-replay", Environment: "prod" },
    });
    expect(alarms.find((a) => a.alarm_name.endsWith("-bandit-updater-failures"))).toMatchObject({
      namespace: "PersonalizeAB",
      metric_name: "BanditFailures",
      dimensions: { service: "bandit-updater", Environment: "prod" },
      period: 900,
      threshold: 0,
    });
    const topic = Object.keys(resourcesOfType(prod, "aws_sns_topic"))[0];
    expect(alarms.every((a) => a.alarm_actions[0] === `\${aws_sns_topic.${topic}.arn}`)).toBe(true);
  });

  it("subscribes the alarm e-mail only where one is configured", () => {
    expect(onlyResource(prod, "aws_sns_topic_subscription")).toMatchObject({
      protocol: "email",
      endpoint: ENVIRONMENTS.prod.alarmEmail,
    });
    expect(resourcesOfType(dev, "aws_sns_topic_subscription")).toEqual({});
  });

  it("charts requests, fallbacks and p50/p99 latency per variant, and errors", () => {
    const body = JSON.parse(onlyResource(dev, "aws_cloudwatch_dashboard").dashboard_body);
    const titles = body.widgets.map((w: TerraformJson) => w.properties.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Recommendation requests per variant",
        "Fallback responses per variant",
        "Recommendation latency p50 / p99 per variant (ms)",
        "Function errors",
      ]),
    );
    const latency = body.widgets.find((w: TerraformJson) =>
      w.properties.title.startsWith("Recommendation latency"),
    );
    expect(latency.properties.metrics.map((m: TerraformJson) => m[0].expression)).toEqual([
      // Exactly the one dimension set the function publishes, in this environment only.
      `SEARCH('{PersonalizeAB,service,Environment,Experiment,Variant} MetricName="RecommendationLatency" Environment="dev"', 'p50', 300)`,
      `SEARCH('{PersonalizeAB,service,Environment,Experiment,Variant} MetricName="RecommendationLatency" Environment="dev"', 'p99', 300)`,
    ]);
  });
});

describe("outputs", () => {
  it("names the API endpoint, tables, bucket and functions", () => {
    expect(Object.keys(dev.output as object).sort()).toEqual(
      [
        "api_endpoint",
        "assignments_table_name",
        "events_table_name",
        "experiments_table_name",
        "experiment_counters_table_name",
        "experiment_history_table_name",
        "experiment_user_metrics_table_name",
        "items_table_name",
        "users_table_name",
        "data_bucket_name",
        ...Object.values(FUNCTIONS).map((f) => `${f.app.replace(/-/g, "_")}_function_name`),
      ].sort(),
    );
    expect((dev.output as TerraformJson).api_endpoint.value).toMatch(
      /^\$\{aws_apigatewayv2_api\.[\w-]+\.api_endpoint\}$/,
    );
  });
});

describe("policy", () => {
  it("passes every policy rule in every environment", () => {
    expect(checkStack(dev)).toEqual([]);
    expect(checkStack(prod)).toEqual([]);
  });
});
