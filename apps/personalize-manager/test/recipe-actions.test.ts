import {
  CreateCampaignCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSolutionCommand,
  ListCampaignsCommand,
  ListDatasetGroupsCommand,
  ListDatasetImportJobsCommand,
  ListSolutionsCommand,
  PersonalizeClient,
  ResourceAlreadyExistsException,
} from "@aws-sdk/client-personalize";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { run, runFailing } from "./support/context";

const personalize = mockClient(PersonalizeClient);
const ARN = "arn:aws:personalize:us-east-1:123456789012";
const alreadyExists = () => new ResourceAlreadyExistsException({ message: "exists", $metadata: {} });

beforeEach(() => personalize.reset());

describe("create_dataset_group", () => {
  it("creates a Custom dataset group by name", async () => {
    personalize.on(CreateDatasetGroupCommand).resolves({ datasetGroupArn: `${ARN}:dataset-group/shop` });
    const body = await run({ action: "create_dataset_group", dataset_group_name: "shop" });
    expect(body).toEqual({ dataset_group_arn: `${ARN}:dataset-group/shop`, created: true });
    expect(personalize.commandCalls(CreateDatasetGroupCommand)[0]!.args[0].input).toEqual({ name: "shop" });
  });

  it("passes a requested domain through", async () => {
    personalize.on(CreateDatasetGroupCommand).resolves({ datasetGroupArn: `${ARN}:dataset-group/shop` });
    await run({ action: "create_dataset_group", dataset_group_name: "shop", domain: "ECOMMERCE" });
    expect(personalize.commandCalls(CreateDatasetGroupCommand)[0]!.args[0].input).toEqual({
      name: "shop",
      domain: "ECOMMERCE",
    });
  });

  it("treats an existing group as success and finds its ARN across list pages", async () => {
    personalize.on(CreateDatasetGroupCommand).rejects(alreadyExists());
    personalize
      .on(ListDatasetGroupsCommand)
      .resolvesOnce({
        datasetGroups: [{ name: "other", datasetGroupArn: `${ARN}:dataset-group/other` }],
        nextToken: "p2",
      })
      .resolvesOnce({ datasetGroups: [{ name: "shop", datasetGroupArn: `${ARN}:dataset-group/shop` }] });
    const body = await run({ action: "create_dataset_group", dataset_group_name: "shop" });
    expect(body).toEqual({ dataset_group_arn: `${ARN}:dataset-group/shop`, created: false });
    // The paginator reuses one input object, so only the last page's token can be seen afterwards.
    const listCalls = personalize.commandCalls(ListDatasetGroupsCommand);
    expect(listCalls).toHaveLength(2);
    expect(listCalls[1]!.args[0].input.nextToken).toBe("p2");
  });

  it("rejects a name Personalize would refuse, naming the field", async () => {
    const error = await runFailing({ action: "create_dataset_group", dataset_group_name: "bad name!" });
    expect(error.name).toBe("ValidationError");
    expect(error.message).toMatch(/^dataset_group_name: must be 1-63 letters/);
    expect(personalize.calls()).toHaveLength(0);
  });
});

describe("import_data", () => {
  const payload = {
    action: "import_data",
    dataset_arn: `${ARN}:dataset/shop/INTERACTIONS`,
    job_name: "pab-dev-ix-run1",
    s3_data_source: "s3://pab-dev-data/training-data/exports/run1/interactions.csv",
    role_arn: "arn:aws:iam::123456789012:role/pab-dev-personalize",
  };

  it("starts a FULL import job reading the S3 location", async () => {
    personalize
      .on(CreateDatasetImportJobCommand)
      .resolves({ datasetImportJobArn: `${ARN}:dataset-import-job/x` });
    expect(await run(payload)).toEqual({
      dataset_import_job_arn: `${ARN}:dataset-import-job/x`,
      created: true,
    });
    expect(personalize.commandCalls(CreateDatasetImportJobCommand)[0]!.args[0].input).toEqual({
      jobName: "pab-dev-ix-run1",
      datasetArn: `${ARN}:dataset/shop/INTERACTIONS`,
      dataSource: { dataLocation: "s3://pab-dev-data/training-data/exports/run1/interactions.csv" },
      roleArn: "arn:aws:iam::123456789012:role/pab-dev-personalize",
      importMode: "FULL",
    });
  });

  it("finds the job a previous run started", async () => {
    personalize.on(CreateDatasetImportJobCommand).rejects(alreadyExists());
    personalize.on(ListDatasetImportJobsCommand).resolves({
      datasetImportJobs: [
        { jobName: "pab-dev-ix-run0", datasetImportJobArn: `${ARN}:dataset-import-job/old` },
        { jobName: "pab-dev-ix-run1", datasetImportJobArn: `${ARN}:dataset-import-job/x` },
      ],
    });
    expect(await run(payload)).toEqual({
      dataset_import_job_arn: `${ARN}:dataset-import-job/x`,
      created: false,
    });
    expect(personalize.commandCalls(ListDatasetImportJobsCommand)[0]!.args[0].input).toEqual({
      datasetArn: `${ARN}:dataset/shop/INTERACTIONS`,
    });
  });

  it("rejects a data source that is not an S3 URI", async () => {
    const error = await runFailing({ ...payload, s3_data_source: "/tmp/interactions.csv" });
    expect(error.message).toBe("s3_data_source: must be an s3://bucket/key URI");
  });

  it("names a missing field", async () => {
    const { role_arn: _omitted, ...withoutRole } = payload;
    const error = await runFailing(withoutRole);
    expect(error).toMatchObject({ name: "ValidationError", message: "role_arn: must be an IAM role ARN" });
  });
});

describe("create_solution", () => {
  const payload = {
    action: "create_solution",
    solution_name: "pab-dev-sims",
    dataset_group_arn: `${ARN}:dataset-group/shop`,
    recipe_arn: "arn:aws:personalize:::recipe/aws-sims",
  };

  it("creates the solution with the recipe", async () => {
    personalize.on(CreateSolutionCommand).resolves({ solutionArn: `${ARN}:solution/pab-dev-sims` });
    expect(await run(payload)).toEqual({ solution_arn: `${ARN}:solution/pab-dev-sims`, created: true });
    expect(personalize.commandCalls(CreateSolutionCommand)[0]!.args[0].input).toEqual({
      name: "pab-dev-sims",
      datasetGroupArn: `${ARN}:dataset-group/shop`,
      recipeArn: "arn:aws:personalize:::recipe/aws-sims",
    });
  });

  it("finds an existing solution in the dataset group", async () => {
    personalize.on(CreateSolutionCommand).rejects(alreadyExists());
    personalize
      .on(ListSolutionsCommand, { datasetGroupArn: `${ARN}:dataset-group/shop` })
      .resolves({ solutions: [{ name: "pab-dev-sims", solutionArn: `${ARN}:solution/pab-dev-sims` }] });
    expect(await run(payload)).toEqual({ solution_arn: `${ARN}:solution/pab-dev-sims`, created: false });
  });

  it("fails with a stable code when the existing solution cannot be found", async () => {
    personalize.on(CreateSolutionCommand).rejects(alreadyExists());
    personalize.on(ListSolutionsCommand).resolves({ solutions: [] });
    const error = await runFailing(payload);
    expect(error).toMatchObject({
      name: "ManagerInternalError",
      message: "the action failed; see the logs for request request-1",
    });
  });
});

describe("create_campaign", () => {
  const payload = {
    action: "create_campaign",
    campaign_name: "pab-dev-sims",
    solution_version_arn: `${ARN}:solution/pab-dev-sims/v1`,
  };

  it("creates the campaign with the recipe's default of 1 TPS", async () => {
    personalize.on(CreateCampaignCommand).resolves({ campaignArn: `${ARN}:campaign/pab-dev-sims` });
    expect(await run(payload)).toEqual({ campaign_arn: `${ARN}:campaign/pab-dev-sims`, created: true });
    expect(personalize.commandCalls(CreateCampaignCommand)[0]!.args[0].input).toEqual({
      name: "pab-dev-sims",
      solutionVersionArn: `${ARN}:solution/pab-dev-sims/v1`,
      minProvisionedTPS: 1,
    });
  });

  it("finds an existing campaign by name", async () => {
    personalize.on(CreateCampaignCommand).rejects(alreadyExists());
    personalize.on(ListCampaignsCommand).resolves({
      campaigns: [{ name: "pab-dev-sims", campaignArn: `${ARN}:campaign/pab-dev-sims` }],
    });
    expect(await run({ ...payload, min_provisioned_tps: 2 })).toEqual({
      campaign_arn: `${ARN}:campaign/pab-dev-sims`,
      created: false,
    });
    expect(personalize.commandCalls(CreateCampaignCommand)[0]!.args[0].input.minProvisionedTPS).toBe(2);
  });

  it("rejects a TPS below 1", async () => {
    const error = await runFailing({ ...payload, min_provisioned_tps: 0 });
    expect(error.message).toBe("min_provisioned_tps: must be at least 1");
  });
});
