import { PERSONALIZE_FILTERS } from "@personalize-ab/domain";
import validator from "asl-validator";
import { describe, expect, it } from "vitest";
import {
  buildTrainingPipeline,
  filterName,
  METRICS_GATE_STATE,
  PIPELINE_FAILED_STATE,
  type TrainingPipelineConfig,
} from "../src/pipeline";
import { executeStateMachine } from "./support/asl-interpreter";
import { type FakeScenario, fakeManager } from "./support/fake-manager";

const ARN = "arn:aws:personalize:us-east-1:123456789012";
const config: TrainingPipelineConfig = {
  managerFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:personalize-ab-dev-personalize-manager",
  namePrefix: "personalize-ab-dev",
  datasetGroupArn: `${ARN}:dataset-group/personalize-ab-dev`,
  datasetArns: {
    interactions: `${ARN}:dataset/personalize-ab-dev/INTERACTIONS`,
    items: `${ARN}:dataset/personalize-ab-dev/ITEMS`,
    users: `${ARN}:dataset/personalize-ab-dev/USERS`,
  },
  solutionArns: {
    "user-personalization": `${ARN}:solution/personalize-ab-dev-user-personalization`,
    "similar-items": `${ARN}:solution/personalize-ab-dev-similar-items`,
    popularity: `${ARN}:solution/personalize-ab-dev-popularity`,
  },
  personalizeRoleArn: "arn:aws:iam::123456789012:role/personalize-ab-dev-personalize",
  dataBucket: "personalize-ab-dev-data",
};
// EventBridge starts executions with a UUID name; it is the longest name the pipeline must fit.
const EXECUTION = "3f2b1c4e-9d8a-4b7c-8e6f-1a2b3c4d5e6f";
const definition = buildTrainingPipeline(config);

function execute(scenario: FakeScenario = {}) {
  // A fresh copy each time, as Step Functions would parse it from the deployed JSON.
  return executeStateMachine(
    JSON.parse(JSON.stringify(definition)),
    {},
    {
      executionName: EXECUTION,
      invoke: fakeManager(scenario),
    },
  );
}

const actionsOf = (run: Awaited<ReturnType<typeof execute>>) =>
  run.invocations.map((call) => call.payload.action);
const failing = (marker: string) => (arn: string) =>
  arn.includes(marker) ? ["CREATE IN_PROGRESS", "CREATE FAILED"] : undefined;

describe("training pipeline definition", () => {
  it("passes asl-validator", () => {
    const result = validator(JSON.parse(JSON.stringify(definition)));
    expect(result.errorsText()).toBe("");
    expect(result.isValid).toBe(true);
  });

  it("refuses a name prefix that would push per-run Personalize names past 63 characters", () => {
    expect(() => buildTrainingPipeline({ ...config, namePrefix: "personalize-ab-staging-eu" })).toThrow(
      /too long for per-run Personalize names/,
    );
  });

  it("retries every manager task on Lambda and Personalize throttling, with backoff", () => {
    const tasks = JSON.stringify(definition).match(/"Type":"Task"/g) ?? [];
    const retried = JSON.stringify(definition).match(/"PersonalizeThrottled"/g) ?? [];
    expect(tasks.length).toBeGreaterThan(10);
    expect(retried.length).toBe(tasks.length);
  });
});

describe("walking the definition", () => {
  it("succeeds: export, imports, training, tracker, metrics gate, new campaigns, then publish last", async () => {
    const run = await execute();
    expect(run.status).toBe("SUCCEEDED");
    const actions = actionsOf(run);
    expect(actions[0]).toBe("export_interactions");
    expect(actions.at(-1)).toBe("publish_config");
    expect(actions.filter((action) => action === "publish_config")).toHaveLength(1);
    // Every training is done and gated before any campaign is created; every campaign is active before publishing.
    const firstCampaign = actions.indexOf("create_campaign");
    expect(actions.lastIndexOf("create_solution_version")).toBeLessThan(
      actions.indexOf("gate_solution_metrics"),
    );
    expect(actions.indexOf("gate_solution_metrics")).toBeLessThan(firstCampaign);
    expect(actions.filter((action) => action === "gate_solution_metrics")).toHaveLength(1);
    expect(actions.filter((action) => action === "create_campaign")).toHaveLength(3);
    expect(actions).not.toContain("create_or_update_campaign");
    expect(run.visited.filter((state) => state.endsWith("campaign active"))).toHaveLength(3);

    const imports = run.invocations
      .filter((call) => call.payload.action === "import_data")
      .map((c) => c.payload);
    expect(imports).toEqual([
      {
        action: "import_data",
        dataset_arn: config.datasetArns.interactions,
        job_name: `personalize-ab-dev-ix-${EXECUTION}`,
        s3_data_source: `s3://personalize-ab-dev-data/training-data/exports/${EXECUTION}/interactions.csv`,
        role_arn: config.personalizeRoleArn,
        import_mode: "FULL",
      },
      {
        action: "import_data",
        dataset_arn: config.datasetArns.items,
        job_name: `personalize-ab-dev-items-${EXECUTION}`,
        s3_data_source: "s3://personalize-ab-dev-data/training-data/items.csv",
        role_arn: config.personalizeRoleArn,
        import_mode: "FULL",
      },
      {
        action: "import_data",
        dataset_arn: config.datasetArns.users,
        job_name: `personalize-ab-dev-users-${EXECUTION}`,
        s3_data_source: "s3://personalize-ab-dev-data/training-data/users.csv",
        role_arn: config.personalizeRoleArn,
        import_mode: "FULL",
      },
    ]);
    const versionOf = (strategy: keyof typeof config.solutionArns, tag: string) =>
      `${config.solutionArns[strategy]}/personalize-ab-dev-${tag}-${EXECUTION}`;
    expect(run.invocations.find((call) => call.payload.action === "gate_solution_metrics")!.payload).toEqual({
      action: "gate_solution_metrics",
      candidates: {
        "user-personalization": versionOf("user-personalization", "up"),
        "similar-items": versionOf("similar-items", "sims"),
        popularity: versionOf("popularity", "pop"),
      },
    });
    // One publish switches every variant: the run's new campaigns with the versions they serve.
    expect(run.invocations.at(-1)!.payload).toEqual({
      action: "publish_config",
      test_names: ["default_recommendation_test"],
      campaigns: {
        "user-personalization": `${ARN}:campaign/personalize-ab-dev-up-${EXECUTION}`,
        "similar-items": `${ARN}:campaign/personalize-ab-dev-sims-${EXECUTION}`,
        popularity: `${ARN}:campaign/personalize-ab-dev-pop-${EXECUTION}`,
      },
      model_versions: {
        "user-personalization": versionOf("user-personalization", "up"),
        "similar-items": versionOf("similar-items", "sims"),
        popularity: versionOf("popularity", "pop"),
      },
      tracking_id: "track-1",
      filter_arns: {
        "exclude-purchased": `${ARN}:filter/${filterName(config.namePrefix, "exclude-purchased")}`,
        category: `${ARN}:filter/${filterName(config.namePrefix, "category")}`,
      },
    });
    // Every declared filter is created in the dataset group, after the imports, with its own expression.
    const filters = run.invocations.filter((call) => call.payload.action === "create_filter");
    expect(filters.map((call) => call.payload)).toEqual(
      (["exclude-purchased", "category"] as const).map((filter) => ({
        action: "create_filter",
        filter_name: filterName(config.namePrefix, filter),
        dataset_group_arn: config.datasetGroupArn,
        filter_expression: PERSONALIZE_FILTERS[filter].expression,
      })),
    );
    expect(actions.indexOf("create_filter")).toBeGreaterThan(actions.lastIndexOf("import_data"));
    expect(filterName(config.namePrefix, "category")).toMatch(/^personalize-ab-dev-category-[0-9a-f]{8}$/);
    const sims = run.invocations.find(
      (call) =>
        call.payload.action === "create_campaign" && String(call.payload.campaign_name).includes("-sims-"),
    );
    expect(sims!.payload).toEqual({
      action: "create_campaign",
      campaign_name: `personalize-ab-dev-sims-${EXECUTION}`,
      solution_version_arn: versionOf("similar-items", "sims"),
      min_provisioned_tps: 1,
    });
    // Polls wait between checks: each of the 3 imports, 3 trainings, tracker, 2 filters and 3 campaigns is checked 3 times.
    expect(run.waits).toHaveLength(36);
    expect(run.waits.filter((wait) => wait.state === "Wait for similar-items training")).toEqual([
      { state: "Wait for similar-items training", seconds: 300 },
      { state: "Wait for similar-items training", seconds: 300 },
      { state: "Wait for similar-items training", seconds: 300 },
    ]);
  });

  it.each([
    [
      "an import",
      "dataset-import-job/personalize-ab-dev-items",
      "DatasetImportFailed",
      "create_solution_version",
    ],
    [
      "a training",
      "solution/personalize-ab-dev-similar-items/",
      "SolutionVersionFailed",
      "gate_solution_metrics",
    ],
    ["the event tracker", "event-tracker/", "EventTrackerFailed", "gate_solution_metrics"],
    ["a filter", "filter/personalize-ab-dev-exclude-purchased-", "FilterFailed", "gate_solution_metrics"],
    ["a campaign", "campaign/personalize-ab-dev-pop-", "CampaignDeployFailed", "publish_config"],
  ])("fails when %s fails, without publishing", async (_what, marker, error, neverReached) => {
    const run = await execute({ statusesOf: failing(marker) });
    expect(run.status).toBe("FAILED");
    expect(run.error).toBe(error);
    expect(run.visited.at(-1)).toBe(PIPELINE_FAILED_STATE);
    expect(actionsOf(run)).not.toContain(neverReached);
    expect(actionsOf(run)).not.toContain("publish_config");
  });

  it("fails on a failed metrics gate before any campaign is created, without publishing", async () => {
    const run = await execute({ errors: { gate_solution_metrics: ["MetricsGateFailed"] } });
    expect(run).toMatchObject({ status: "FAILED", error: "MetricsGateFailed" });
    expect(run.visited.slice(-2)).toEqual([METRICS_GATE_STATE, PIPELINE_FAILED_STATE]);
    expect(actionsOf(run)).not.toContain("create_campaign");
    expect(actionsOf(run)).not.toContain("publish_config");
    // A gate that fails is a verdict, not a hiccup: it is not retried.
    expect(run.retries).toEqual([]);
  });

  it("fails at once on a manager error that retrying cannot fix, keeping its code and cause", async () => {
    const run = await execute({ errors: { export_interactions: ["ManagerInternalError"] } });
    expect(run).toMatchObject({
      status: "FAILED",
      error: "ManagerInternalError",
      cause: "export_interactions failed with ManagerInternalError",
    });
    expect(actionsOf(run)).toEqual(["export_interactions"]);
    expect(run.retries).toEqual([]);
  });

  it("waits out throttling with exponential backoff and then carries on", async () => {
    const run = await execute({
      errors: { create_solution_version: ["PersonalizeThrottled", "Lambda.TooManyRequestsException"] },
    });
    expect(run.status).toBe("SUCCEEDED");
    expect(run.retries).toEqual([
      { state: "Train user-personalization", error: "PersonalizeThrottled", delaySeconds: 5 },
      { state: "Train user-personalization", error: "Lambda.TooManyRequestsException", delaySeconds: 10 },
    ]);
  });

  it("gives up after six retries of persistent throttling and fails without publishing", async () => {
    const run = await execute({ errors: { publish_config: Array(7).fill("PersonalizeThrottled") } });
    expect(run.status).toBe("FAILED");
    expect(run.error).toBe("PersonalizeThrottled");
    expect(run.retries.map((retry) => retry.delaySeconds)).toEqual([5, 10, 20, 40, 80, 160]);
  });
});
