import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deployedApiTarget, regionOf, urlTarget } from "../src/api-target";

function repositoryWithState(env: string, state: unknown): string {
  const root = mkdtempSync(join(tmpdir(), "experiment-cli-"));
  mkdirSync(join(root, "infra"));
  writeFileSync(join(root, "infra", `terraform.${env}.tfstate`), JSON.stringify(state));
  return root;
}

describe("where the results API is", () => {
  it("takes a deployed environment's URL from its variable first, then from its stack outputs", () => {
    const root = repositoryWithState("dev", {
      outputs: {
        api_endpoint: { value: "https://abc123.execute-api.eu-west-1.amazonaws.com", type: "string" },
      },
    });
    expect(deployedApiTarget("dev", root, {})).toEqual({
      baseUrl: "https://abc123.execute-api.eu-west-1.amazonaws.com",
      signed: true,
    });
    expect(deployedApiTarget("dev", root, { PERSONALIZE_AB_DEV_API_URL: "https://other.example/" })).toEqual({
      baseUrl: "https://other.example",
      signed: true,
    });
  });

  it("says how to get a URL when neither is there", () => {
    const empty = mkdtempSync(join(tmpdir(), "experiment-cli-"));
    expect(() => deployedApiTarget("prod", empty, {})).toThrow(
      "no API URL for prod: set PERSONALIZE_AB_PROD_API_URL, or deploy with `pnpm deploy:prod` so infra/terraform.prod.tfstate holds the api_endpoint output",
    );
    const noOutput = repositoryWithState("prod", { outputs: {} });
    expect(() => deployedApiTarget("prod", noOutput, {})).toThrow(
      "the prod stack's outputs have no api_endpoint; set PERSONALIZE_AB_PROD_API_URL to the API URL",
    );
  });

  it("signs requests to execute-api hosts only, in the host's region", () => {
    expect(urlTarget("http://127.0.0.1:3000/")).toEqual({ baseUrl: "http://127.0.0.1:3000", signed: false });
    expect(urlTarget("https://abc.execute-api.us-west-2.amazonaws.com").signed).toBe(true);
    expect(regionOf("https://abc.execute-api.us-west-2.amazonaws.com", {})).toBe("us-west-2");
    expect(() => regionOf("https://api.example.com", {})).toThrow("set AWS_REGION");
    expect(() => urlTarget("not a url")).toThrow('--url: "not a url" is not a URL');
  });
});
