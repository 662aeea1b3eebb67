import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "../src/cdktf";
import { type EnvironmentConfig, validateEnvironmentConfig } from "../src/config/environment-config";
import { ENVIRONMENTS } from "../src/config/environments";
import { configureStateBackend, STATE_BACKEND_ENV } from "../src/config/state-backend";

describe("environment config", () => {
  it("accepts the shipped environments", () => {
    for (const config of Object.values(ENVIRONMENTS))
      expect(() => validateEnvironmentConfig(config)).not.toThrow();
  });

  it("names every mistake at once", () => {
    const broken = {
      ...ENVIRONMENTS.dev,
      namePrefix: "Personalize AB",
      region: "moon",
      logRetentionDays: 10,
      corsAllowedOrigins: [],
      alarmEmail: "nobody",
      routeThrottling: { "GET /nowhere": { rateLimitPerSecond: 0, burstLimit: 1 } },
      clientAuth: { issuer: "http://insecure.example", audience: [], cognito: false },
    } as unknown as EnvironmentConfig;
    expect(() => validateEnvironmentConfig(broken)).toThrow(
      /namePrefix "Personalize AB"[\s\S]*region "moon"[\s\S]*logRetentionDays 10[\s\S]*corsAllowedOrigins is empty[\s\S]*routeThrottling names "GET \/nowhere"[\s\S]*routeThrottling "GET \/nowhere" limits must be positive[\s\S]*clientAuth.issuer "http:\/\/insecure.example" must be an https URL[\s\S]*clientAuth.audience is empty[\s\S]*alarmEmail "nobody"/,
    );
  });
});

describe("state backend", () => {
  const backendOf = (env: Record<string, string>) => {
    const stack = new TerraformStack(Testing.app(), "stack");
    configureStateBackend(stack, "dev", "us-east-1", env);
    return JSON.parse(Testing.synth(stack)).terraform.backend;
  };

  it("keeps state in a local file beside infra/ by default", () => {
    expect(backendOf({})).toEqual({ local: { path: "../../../terraform.dev.tfstate" } });
  });

  it("moves state to S3 with native locking when the bucket variable is set", () => {
    expect(
      backendOf({ [STATE_BACKEND_ENV.bucket]: "tf-state", [STATE_BACKEND_ENV.region]: "eu-central-1" }),
    ).toEqual({
      s3: {
        bucket: "tf-state",
        key: "personalize-ab/dev/terraform.tfstate",
        region: "eu-central-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect(
      backendOf({ [STATE_BACKEND_ENV.bucket]: "b", [STATE_BACKEND_ENV.keyPrefix]: "team" }).s3,
    ).toMatchObject({
      key: "team/dev/terraform.tfstate",
      region: "us-east-1",
    });
  });
});
