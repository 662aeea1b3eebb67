import {
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  type PersonalizeClient,
} from "@aws-sdk/client-personalize";
import { z } from "zod";
import { defineAction } from "../action";
import { personalizeArn } from "../fields";

interface ResourceStatus {
  readonly status?: string;
  readonly failureReason?: string;
}

const DESCRIBE: Record<
  string,
  (client: PersonalizeClient, arn: string) => Promise<ResourceStatus | undefined>
> = {
  solution: async (client, arn) =>
    (await client.send(new DescribeSolutionCommand({ solutionArn: arn }))).solution,
  solution_version: async (client, arn) =>
    (await client.send(new DescribeSolutionVersionCommand({ solutionVersionArn: arn }))).solutionVersion,
  dataset_import_job: async (client, arn) =>
    (await client.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }))).datasetImportJob,
  dataset_group: async (client, arn) =>
    (await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn }))).datasetGroup,
  dataset: async (client, arn) =>
    (await client.send(new DescribeDatasetCommand({ datasetArn: arn }))).dataset,
  filter: async (client, arn) => (await client.send(new DescribeFilterCommand({ filterArn: arn }))).filter,
  event_tracker: async (client, arn) =>
    (await client.send(new DescribeEventTrackerCommand({ eventTrackerArn: arn }))).eventTracker,
  campaign: async (client, arn) => {
    const { campaign } = await client.send(new DescribeCampaignCommand({ campaignArn: arn }));
    // While an update rolls out (or after it failed) the campaign itself stays ACTIVE on its old
    // version; the update's own status is the one that says whether the new version is serving.
    const update = campaign?.latestCampaignUpdate;
    if (update?.status && update.status !== "ACTIVE") return update;
    return campaign;
  },
};

const RESOURCE_TYPES = Object.keys(DESCRIBE) as [string, ...string[]];
const FAILED = new Set(["CREATE FAILED", "CREATE STOPPED", "DELETE PENDING", "DELETE IN_PROGRESS"]);

export const checkStatus = defineAction({
  name: "check_status",
  input: z.object({
    resource_arn: personalizeArn,
    resource_type: z.enum(RESOURCE_TYPES, { error: `must be one of ${RESOURCE_TYPES.join(", ")}` }),
  }),
  async run(input, { personalize }) {
    const describe = DESCRIBE[input.resource_type]!;
    const resource = await describe(personalize, input.resource_arn);
    const status = resource?.status ?? "UNKNOWN";
    const isFailed = FAILED.has(status);
    return {
      resource_arn: input.resource_arn,
      resource_type: input.resource_type,
      status,
      // The recipe's contract: complete once it stops changing, whether it worked or not.
      is_complete: status === "ACTIVE" || isFailed,
      is_failed: isFailed,
      ...(resource?.failureReason && { failure_reason: resource.failureReason }),
    };
  },
});
