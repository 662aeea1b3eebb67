import {
  CreateCampaignCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateSolutionVersionCommand,
  DescribeCampaignCommand,
  DescribeDatasetImportJobCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  GetSolutionMetricsCommand,
  ListCampaignsCommand,
  ListEventTrackersCommand,
  ListFiltersCommand,
  ListSolutionVersionsCommand,
  PersonalizeClient,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateCampaignCommand,
} from "@aws-sdk/client-personalize";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { run, runFailing } from "./support/context";

const personalize = mockClient(PersonalizeClient);
const ARN = "arn:aws:personalize:us-east-1:123456789012";
const SOLUTION = `${ARN}:solution/pab-dev-sims`;
const CAMPAIGN = `${ARN}:campaign/pab-dev-sims`;
const alreadyExists = () => new ResourceAlreadyExistsException({ message: "exists", $metadata: {} });

beforeEach(() => personalize.reset());

describe("check_status", () => {
  it.each([
    ["CREATE IN_PROGRESS", false, false],
    ["ACTIVE", true, false],
    ["CREATE FAILED", true, true],
    ["CREATE STOPPED", true, true],
  ])("reports a solution version that is %s", async (status, isComplete, isFailed) => {
    personalize
      .on(DescribeSolutionVersionCommand, { solutionVersionArn: `${SOLUTION}/v1` })
      .resolves({ solutionVersion: { status, ...(isFailed && { failureReason: "not enough data" }) } });
    const body = await run({
      action: "check_status",
      resource_arn: `${SOLUTION}/v1`,
      resource_type: "solution_version",
    });
    expect(body).toEqual({
      resource_arn: `${SOLUTION}/v1`,
      resource_type: "solution_version",
      status,
      is_complete: isComplete,
      is_failed: isFailed,
      ...(isFailed && { failure_reason: "not enough data" }),
    });
  });

  it("describes each of the recipe's resource types with its own call", async () => {
    personalize.on(DescribeSolutionCommand).resolves({ solution: { status: "ACTIVE" } });
    personalize
      .on(DescribeDatasetImportJobCommand)
      .resolves({ datasetImportJob: { status: "CREATE PENDING" } });
    personalize.on(DescribeEventTrackerCommand).resolves({ eventTracker: { status: "ACTIVE" } });
    expect(
      (await run({ action: "check_status", resource_arn: SOLUTION, resource_type: "solution" })).status,
    ).toBe("ACTIVE");
    const job = `${ARN}:dataset-import-job/j1`;
    expect(
      (await run({ action: "check_status", resource_arn: job, resource_type: "dataset_import_job" }))
        .is_complete,
    ).toBe(false);
    const tracker = `${ARN}:event-tracker/t1`;
    expect(
      (await run({ action: "check_status", resource_arn: tracker, resource_type: "event_tracker" })).status,
    ).toBe("ACTIVE");
    expect(personalize.commandCalls(DescribeSolutionCommand)[0]!.args[0].input).toEqual({
      solutionArn: SOLUTION,
    });
    expect(personalize.commandCalls(DescribeDatasetImportJobCommand)[0]!.args[0].input).toEqual({
      datasetImportJobArn: job,
    });
    expect(personalize.commandCalls(DescribeEventTrackerCommand)[0]!.args[0].input).toEqual({
      eventTrackerArn: tracker,
    });
  });

  it("describes a filter with DescribeFilter", async () => {
    const filter = `${ARN}:filter/pab-dev-category-1a2b3c4d`;
    personalize
      .on(DescribeFilterCommand)
      .resolves({ filter: { status: "CREATE FAILED", failureReason: "no such field" } });
    expect(await run({ action: "check_status", resource_arn: filter, resource_type: "filter" })).toEqual({
      resource_arn: filter,
      resource_type: "filter",
      status: "CREATE FAILED",
      is_complete: true,
      is_failed: true,
      failure_reason: "no such field",
    });
    expect(personalize.commandCalls(DescribeFilterCommand)[0]!.args[0].input).toEqual({ filterArn: filter });
  });

  it("reports a campaign update in progress rather than the campaign's own ACTIVE", async () => {
    personalize.on(DescribeCampaignCommand, { campaignArn: CAMPAIGN }).resolves({
      campaign: { status: "ACTIVE", latestCampaignUpdate: { status: "CREATE IN_PROGRESS" } },
    });
    const body = await run({ action: "check_status", resource_arn: CAMPAIGN, resource_type: "campaign" });
    expect(body).toMatchObject({ status: "CREATE IN_PROGRESS", is_complete: false, is_failed: false });
  });

  it("reports a failed campaign update as failed", async () => {
    personalize.on(DescribeCampaignCommand).resolves({
      campaign: {
        status: "ACTIVE",
        latestCampaignUpdate: { status: "CREATE FAILED", failureReason: "bad version" },
      },
    });
    const body = await run({ action: "check_status", resource_arn: CAMPAIGN, resource_type: "campaign" });
    expect(body).toMatchObject({ status: "CREATE FAILED", is_failed: true, failure_reason: "bad version" });
  });

  it("rejects an unknown resource type, naming the field", async () => {
    const error = await runFailing({
      action: "check_status",
      resource_arn: CAMPAIGN,
      resource_type: "recommender",
    });
    expect(error.name).toBe("ValidationError");
    expect(error.message).toMatch(/^resource_type: must be one of solution, solution_version, /);
  });
});

describe("create_solution_version", () => {
  const payload = {
    action: "create_solution_version",
    solution_arn: SOLUTION,
    solution_version_name: "sims-run1",
  };

  it("starts a FULL training named after the run", async () => {
    personalize.on(CreateSolutionVersionCommand).resolves({ solutionVersionArn: `${SOLUTION}/v2` });
    expect(await run(payload)).toEqual({ solution_version_arn: `${SOLUTION}/v2`, created: true });
    expect(personalize.commandCalls(CreateSolutionVersionCommand)[0]!.args[0].input).toEqual({
      name: "sims-run1",
      solutionArn: SOLUTION,
      trainingMode: "FULL",
    });
  });

  it("finds the version a previous attempt started instead of training twice", async () => {
    personalize.on(CreateSolutionVersionCommand).rejects(alreadyExists());
    personalize.on(ListSolutionVersionsCommand, { solutionArn: SOLUTION }).resolves({
      solutionVersions: [{ solutionVersionArn: `${SOLUTION}/v1` }, { solutionVersionArn: `${SOLUTION}/v2` }],
    });
    personalize
      .on(DescribeSolutionVersionCommand, { solutionVersionArn: `${SOLUTION}/v1` })
      .resolves({ solutionVersion: { name: "sims-run0", solutionVersionArn: `${SOLUTION}/v1` } })
      .on(DescribeSolutionVersionCommand, { solutionVersionArn: `${SOLUTION}/v2` })
      .resolves({ solutionVersion: { name: "sims-run1", solutionVersionArn: `${SOLUTION}/v2` } });
    expect(await run(payload)).toEqual({ solution_version_arn: `${SOLUTION}/v2`, created: false });
    expect(personalize.commandCalls(CreateSolutionVersionCommand)).toHaveLength(1);
  });

  it("accepts UPDATE training and rejects other modes", async () => {
    personalize.on(CreateSolutionVersionCommand).resolves({ solutionVersionArn: `${SOLUTION}/v3` });
    await run({ ...payload, training_mode: "UPDATE" });
    expect(personalize.commandCalls(CreateSolutionVersionCommand)[0]!.args[0].input.trainingMode).toBe(
      "UPDATE",
    );
    const error = await runFailing({ ...payload, training_mode: "PARTIAL" });
    expect(error.message).toMatch(/^training_mode: /);
  });
});

describe("get_solution_metrics", () => {
  it("returns the version's offline metrics", async () => {
    personalize
      .on(GetSolutionMetricsCommand, { solutionVersionArn: `${SOLUTION}/v2` })
      .resolves({ solutionVersionArn: `${SOLUTION}/v2`, metrics: { precision_at_25: 0.12, coverage: 0.4 } });
    expect(await run({ action: "get_solution_metrics", solution_version_arn: `${SOLUTION}/v2` })).toEqual({
      solution_version_arn: `${SOLUTION}/v2`,
      metrics: { precision_at_25: 0.12, coverage: 0.4 },
    });
    expect(personalize.commandCalls(GetSolutionMetricsCommand)[0]!.args[0].input).toEqual({
      solutionVersionArn: `${SOLUTION}/v2`,
    });
  });
});

describe("failures of the training actions", () => {
  it("surfaces a busy solution as PersonalizeResourceInUse, for the pipeline to retry", async () => {
    personalize
      .on(CreateSolutionVersionCommand)
      .rejects(new ResourceInUseException({ message: "an import is still running", $metadata: {} }));
    const error = await runFailing({
      action: "create_solution_version",
      solution_arn: SOLUTION,
      solution_version_name: "sims-run1",
    });
    expect(error).toMatchObject({ name: "PersonalizeResourceInUse" });
    expect(error.message).not.toContain("import is still running");
  });

  it("surfaces metrics of an unknown version as PersonalizeResourceNotFound", async () => {
    personalize
      .on(GetSolutionMetricsCommand)
      .rejects(new ResourceNotFoundException({ message: `${SOLUTION}/v9 not found`, $metadata: {} }));
    const error = await runFailing({
      action: "get_solution_metrics",
      solution_version_arn: `${SOLUTION}/v9`,
    });
    expect(error).toMatchObject({ name: "PersonalizeResourceNotFound" });
  });
});

describe("create_or_update_campaign", () => {
  const payload = {
    action: "create_or_update_campaign",
    campaign_name: "pab-dev-sims",
    solution_version_arn: `${SOLUTION}/v2`,
  };
  const existingCampaign = () => {
    personalize.on(CreateCampaignCommand).rejects(alreadyExists());
    personalize
      .on(ListCampaignsCommand)
      .resolves({ campaigns: [{ name: "pab-dev-sims", campaignArn: CAMPAIGN }] });
  };

  it("creates the campaign the first time", async () => {
    personalize.on(CreateCampaignCommand).resolves({ campaignArn: CAMPAIGN });
    expect(await run(payload)).toEqual({ campaign_arn: CAMPAIGN, outcome: "created" });
    expect(personalize.commandCalls(UpdateCampaignCommand)).toHaveLength(0);
  });

  it("updates an existing campaign in place to the new version", async () => {
    existingCampaign();
    personalize.on(DescribeCampaignCommand, { campaignArn: CAMPAIGN }).resolves({
      campaign: { solutionVersionArn: `${SOLUTION}/v1`, minProvisionedTPS: 1, status: "ACTIVE" },
    });
    personalize.on(UpdateCampaignCommand).resolves({ campaignArn: CAMPAIGN });
    expect(await run(payload)).toEqual({ campaign_arn: CAMPAIGN, outcome: "updated" });
    expect(personalize.commandCalls(UpdateCampaignCommand)[0]!.args[0].input).toEqual({
      campaignArn: CAMPAIGN,
      solutionVersionArn: `${SOLUTION}/v2`,
      minProvisionedTPS: 1,
    });
  });

  it.each([
    ["leaves alone a campaign already rolling out the version", "CREATE PENDING", "unchanged", 0],
    ["retries an update whose previous attempt failed", "CREATE FAILED", "updated", 1],
  ])("%s", async (_, updateStatus, outcome, updates) => {
    existingCampaign();
    personalize.on(DescribeCampaignCommand).resolves({
      campaign: {
        solutionVersionArn: `${SOLUTION}/v1`,
        minProvisionedTPS: 1,
        latestCampaignUpdate: {
          solutionVersionArn: `${SOLUTION}/v2`,
          minProvisionedTPS: 1,
          status: updateStatus,
        },
      },
    });
    expect(await run(payload)).toEqual({ campaign_arn: CAMPAIGN, outcome });
    expect(personalize.commandCalls(UpdateCampaignCommand)).toHaveLength(updates);
  });
});

describe("create_event_tracker", () => {
  const payload = {
    action: "create_event_tracker",
    event_tracker_name: "pab-dev-events",
    dataset_group_arn: `${ARN}:dataset-group/shop`,
  };
  const tracker = `${ARN}:event-tracker/abc`;

  it("creates the tracker and returns its tracking id", async () => {
    personalize.on(CreateEventTrackerCommand).resolves({ eventTrackerArn: tracker, trackingId: "track-1" });
    personalize.on(DescribeEventTrackerCommand).resolves({ eventTracker: { trackingId: "track-1" } });
    expect(await run(payload)).toEqual({ event_tracker_arn: tracker, tracking_id: "track-1", created: true });
    expect(personalize.commandCalls(CreateEventTrackerCommand)[0]!.args[0].input).toEqual({
      name: "pab-dev-events",
      datasetGroupArn: `${ARN}:dataset-group/shop`,
    });
  });

  it("finds an existing tracker and reads its tracking id", async () => {
    personalize.on(CreateEventTrackerCommand).rejects(alreadyExists());
    personalize
      .on(ListEventTrackersCommand, { datasetGroupArn: `${ARN}:dataset-group/shop` })
      .resolves({ eventTrackers: [{ name: "pab-dev-events", eventTrackerArn: tracker }] });
    personalize.on(DescribeEventTrackerCommand, { eventTrackerArn: tracker }).resolves({
      eventTracker: { trackingId: "track-1" },
    });
    expect(await run(payload)).toEqual({
      event_tracker_arn: tracker,
      tracking_id: "track-1",
      created: false,
    });
  });
});

describe("create_filter", () => {
  const GROUP = `${ARN}:dataset-group/pab-dev`;
  const payload = {
    action: "create_filter",
    filter_name: "pab-dev-exclude-purchased-1a2b3c4d",
    dataset_group_arn: GROUP,
    filter_expression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("purchase")',
  };

  it("creates the filter in the dataset group with its expression", async () => {
    personalize.on(CreateFilterCommand).resolves({ filterArn: `${ARN}:filter/${payload.filter_name}` });
    expect(await run(payload)).toEqual({ filter_arn: `${ARN}:filter/${payload.filter_name}`, created: true });
    expect(personalize.commandCalls(CreateFilterCommand)[0]!.args[0].input).toEqual({
      name: payload.filter_name,
      datasetGroupArn: GROUP,
      filterExpression: payload.filter_expression,
    });
  });

  it("finds the filter a previous run created by name in the dataset group", async () => {
    personalize.on(CreateFilterCommand).rejects(alreadyExists());
    personalize.on(ListFiltersCommand).resolves({
      Filters: [
        { name: "pab-dev-category-5e6f7a8b", filterArn: `${ARN}:filter/pab-dev-category-5e6f7a8b` },
        { name: payload.filter_name, filterArn: `${ARN}:filter/${payload.filter_name}` },
      ],
    });
    expect(await run(payload)).toEqual({
      filter_arn: `${ARN}:filter/${payload.filter_name}`,
      created: false,
    });
    expect(personalize.commandCalls(ListFiltersCommand)[0]!.args[0].input).toMatchObject({
      datasetGroupArn: GROUP,
    });
  });

  it("rejects an empty expression, naming the field, without calling Personalize", async () => {
    const error = await runFailing({ ...payload, filter_expression: "" });
    expect(error).toMatchObject({ name: "ValidationError", message: "filter_expression: must not be empty" });
    expect(personalize.calls()).toHaveLength(0);
  });
});
